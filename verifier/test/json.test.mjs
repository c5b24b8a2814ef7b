import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson, canonical, readCanonicalFile, FormatError } from '../lib/json.mjs';

const enc = (s) => new TextEncoder().encode(s);

test('canonical form sorts members by UTF-16 code units and escapes minimally', () => {
  const v = parseJson('{"b":1,"a":[true,null,"x\\u0001\\"\\\\/\\u00e9"],"\\ud83d\\ude00":0,"\\uffff":2}');
  assert.equal(canonical(v), '{"a":[true,null,"x\\u0001\\"\\\\/é"],"😀":0,"\uffff":2,"b":1}'.replace('"😀":0,"\uffff":2,"b":1', '"b":1,"😀":0,"\uffff":2'));
});

test('integers stay exact beyond 2^53 and floats are refused', () => {
  assert.equal(canonical(parseJson('9223372036854775807')), '9223372036854775807');
  assert.throws(() => parseJson('9223372036854775808'), FormatError);
  assert.throws(() => parseJson('1.0'), FormatError);
  assert.throws(() => parseJson('1e3'), FormatError);
});

test('duplicate names, lone surrogates and trailing text are refused', () => {
  assert.throws(() => parseJson('{"a":1,"a":2}'), /duplicate/);
  assert.throws(() => parseJson('"\\ud800"'), /surrogate/);
  assert.throws(() => parseJson('{} x'), FormatError);
});

test('a bundle file must be canonical with exactly one final newline', () => {
  assert.deepEqual(readCanonicalFile('f', enc('{"a":1}\n')).a, 1n);
  for (const bad of ['{"a":1}', '{"a":1}\n\n', '{ "a":1}\n', '{"a":-0}\n', '{"a":01}\n', '\ufeff{"a":1}\n']) {
    assert.throws(() => readCanonicalFile('f', enc(bad)), FormatError, JSON.stringify(bad));
  }
  assert.throws(() => readCanonicalFile('f', new Uint8Array([0x22, 0xff, 0x22, 0x0a])), /UTF-8/);
});
