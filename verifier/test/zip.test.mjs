import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeZip, readZip, crc32 } from '../lib/zip.mjs';
import { FormatError } from '../lib/json.mjs';

const files = new Map([['manifest.json', new TextEncoder().encode('{}\n')], ['SHA256SUMS', new TextEncoder().encode('x')]]);

test('crc32 of a known text', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('the canonical zip reads back, names in byte order', () => {
  const zip = writeZip(files);
  const back = readZip(zip);
  assert.deepEqual([...back.keys()], ['SHA256SUMS', 'manifest.json']);
  // the layout of section 2.1: stored, date 0x0041, first entry SHA256SUMS
  assert.equal(new DataView(zip.buffer).getUint16(12, true), 0x0041);
  assert.equal(new TextDecoder().decode(zip.subarray(30, 40)), 'SHA256SUMS');
});

test('any change to the zip, also where unzip tools do not look, is refused', () => {
  const zip = writeZip(files);
  for (const at of [4, 6, 10, zip.length - 3]) {
    const bad = zip.slice();
    bad[at] ^= 1;
    assert.throws(() => readZip(bad), FormatError, 'byte ' + at);
  }
  const longer = new Uint8Array(zip.length + 1);
  longer.set(zip);
  assert.throws(() => readZip(longer), /canonical/);
  const compressed = zip.slice();
  compressed[8] = 8;
  assert.throws(() => readZip(compressed), /compressed/);
  assert.throws(() => readZip(new Uint8Array([1, 2, 3])), /not a zip/);
});
