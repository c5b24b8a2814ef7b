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

test('a bundle packed again with compression unpacks to the same files (to verify as a directory)', async () => {
  const { unpackZip } = await import('../lib/unzip.mjs');
  const { deflateRawSync } = await import('node:zlib');
  // one deflated entry, inside a folder, written by hand as zip tools do
  const name = new TextEncoder().encode('bundle/manifest.json');
  const data = new TextEncoder().encode('{"a":1}\n'.repeat(20));
  const packed = deflateRawSync(data);
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(14, crc32(data), true);
  lv.setUint32(18, packed.length, true);
  lv.setUint32(22, data.length, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  const central = new Uint8Array(46 + name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(16, crc32(data), true);
  cv.setUint32(20, packed.length, true);
  cv.setUint32(24, data.length, true);
  cv.setUint16(28, name.length, true);
  cv.setUint32(42, 0, true);
  central.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + packed.length, true);
  const zip = new Uint8Array([...local, ...packed, ...central, ...end]);
  assert.throws(() => readZip(zip), /compressed/);
  const files = await unpackZip(zip);
  assert.deepEqual([...files.keys()], ['manifest.json']);
  assert.deepEqual(files.get('manifest.json'), data);
});
