import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { verifyZip } from '../lib/verifier.mjs';
import { readZip, writeZip } from '../lib/zip.mjs';

// The example bundles of docs/spec/examples, built by budget-core and signed with the RFC 8032 section 7.1
// TEST 1 key (public knowledge, for tests only).
const EXAMPLES = fileURLToPath(new URL('../../docs/spec/examples/', import.meta.url));
const FIXTURE = EXAMPLES + 'random-9786-mes-add1.zip';
const KEY = '21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9';
const VERIFY = fileURLToPath(new URL('../verify.mjs', import.meta.url));
const zip = new Uint8Array(readFileSync(FIXTURE));

const statuses = (r) => Object.fromEntries(r.results.map((x) => [x.check, x.status]));

test('every example bundle of the specification passes every check', async () => {
  const names = readdirSync(EXAMPLES).filter((f) => f.endsWith('.zip'));
  assert.ok(names.length >= 19);
  for (const name of names) {
    const r = await verifyZip(new Uint8Array(readFileSync(EXAMPLES + name)), { expectKey: KEY });
    assert.equal(r.exitCode, 0, name + ': ' + JSON.stringify(r.results.filter((x) => x.status === 'FAIL')));
  }
});

test('a bundle built by budget-core passes every check, the outcome recomputed byte for byte', async () => {
  const r = await verifyZip(zip, { expectKey: KEY });
  assert.equal(r.exitCode, 0, JSON.stringify(r.results.filter((x) => x.status === 'FAIL')));
  assert.equal(statuses(r).OUTCOME_RECOMPUTED, 'PASS');
  assert.equal(statuses(r).RECEIPT_INCLUDED, 'SKIPPED');
});

test('an edited outcome fails CHECKSUMS first, and OUTCOME_RECOMPUTED too', async () => {
  const files = readZip(zip);
  const outcome = new TextDecoder().decode(files.get('outcome.json')).replace('"rule":"mes-add1"', '"rule":"mes"');
  files.set('outcome.json', new TextEncoder().encode(outcome));
  const r = await verifyZip(writeZip(files), { expectKey: KEY });
  assert.equal(r.exitCode, 11);
  assert.equal(statuses(r).OUTCOME_RECOMPUTED, 'FAIL');
  assert.equal(statuses(r).SIGNATURE, 'PASS');
});

test('the command line: exit codes as budget verify, and no success without a key unless asked', () => {
  const run = (...args) => spawnSync(process.execPath, [VERIFY, ...args], { encoding: 'utf8' });
  const ok = run(FIXTURE, '--expect-key', 'sha256:' + KEY.toUpperCase());
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^PASS {4}FILES_PRESENT/m);
  assert.match(ok.stdout, /VERIFIED: every check passed; not done: RECEIPT_INCLUDED/);
  assert.equal(run(FIXTURE, '--expect-key', 'ab'.repeat(32)).status, 13);
  assert.equal(run(FIXTURE).status, 13);
  assert.equal(run(FIXTURE, '--no-key-check').status, 0);
  assert.equal(run(FIXTURE, '--expect-key', 'xyz').status, 2);
  assert.equal(run('/no/such/bundle.zip', '--no-key-check').status, 3);
  const json = JSON.parse(run(FIXTURE, '--no-key-check', '--format', 'json').stdout);
  assert.equal(json.checks.length, 12);
  assert.equal(json.verified, true);
});

test('an event type or actor role is blank by R.1 (Java white space), not by JavaScript trim()', async () => {
  const fixture = (name) => new Uint8Array(readFileSync(fileURLToPath(new URL('fixtures/' + name, import.meta.url))));
  // U+00A0 and U+2007 are not white space to R.1: these bundles pass, as with budget verify.
  for (const name of ['ws-ws-role-nbsp.zip', 'ws-ws-type-figsp.zip']) {
    const r = await verifyZip(fixture(name), { expectKey: KEY });
    assert.equal(r.exitCode, 0, name + ': ' + JSON.stringify(r.results.filter((x) => x.status === 'FAIL')));
  }
  // U+001C is white space to R.1: an actor role of only that is blank, SCHEMA fails.
  const r = await verifyZip(fixture('ws-ws-role-fs.zip'), { expectKey: KEY });
  assert.equal(statuses(r).SCHEMA, 'FAIL');
});

test('a time may not go back across a date-only event (10:00Z, the same day, 09:00Z)', async () => {
  const zip = new Uint8Array(readFileSync(fileURLToPath(new URL('fixtures/events-back.zip', import.meta.url))));
  const r = await verifyZip(zip, {});
  const chain = r.results.find((x) => x.check === 'EVENT_CHAIN');
  assert.equal(chain.status, 'FAIL');
  assert.equal(chain.verdict, 'event 3 (E2) is timed before an earlier event (2024-01-02T10:00:00Z)');
  assert.equal(r.exitCode, 15);
});
