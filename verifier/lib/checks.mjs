// The twelve checks of spec section 4, in order, each PASS, FAIL or SKIPPED with a verdict.
import { canonicalBytes, parseJson, FormatError } from './json.mjs';
import { recomputeOutcome, RULES } from './recompute.mjs';
import { hex, sha256, merkleRoot } from './parse.mjs';
import { parseSignature, parseContent, isTime } from './read.mjs';
import { receipt, ed25519Verify, normalizeFingerprint } from './receipt.mjs';
import { validateBallot } from './ballots.mjs';

export const CHECKS = [
  ['FILES_PRESENT', 10], ['CHECKSUMS', 11], ['SIGNATURE', 12], ['KEY_TRUSTED', 13], ['SCHEMA', 14], ['EVENT_CHAIN', 15],
  ['MERKLE_ROOT', 16], ['BALLOTS_UNIQUE', 17], ['BALLOTS_MATCH_USED_CODES', 18], ['BALLOTS_VALID', 19],
  ['OUTCOME_RECOMPUTED', 20], ['RECEIPT_INCLUDED', 21],
];
export const FILE_NAMES = ['manifest.json', 'events.json', 'ballots.json', 'counts.json', 'merkle.json', 'outcome.json', 'SHA256SUMS', 'signature.json'];

export function report(results) {
  const first = results.find((r) => r.status === 'FAIL');
  return { results, exitCode: first ? first.exitCode : 0, verified: !first };
}

/** A bundle that could not be read at all. */
export function unreadable(why) {
  return report(CHECKS.map(([c, code]) => ({ check: c, exitCode: code, status: c === 'FILES_PRESENT' ? 'FAIL' : 'SKIPPED',
    verdict: c === 'FILES_PRESENT' ? why : 'the bundle could not be read' })));
}

export async function verifyFiles(files, options = {}) {
  const ctx = { files, options, schemaErrors: [], results: [] };
  await parseSignature(ctx);
  await parseContent(ctx);
  const bodies = [filesPresent, checksums, signature, keyTrusted, schema, eventChain, merkle, unique, usedCodes, valid, outcome, receipt];
  for (let i = 0; i < CHECKS.length; i++) {
    const [name, code] = CHECKS[i];
    let r;
    try {
      r = await bodies[i](ctx);
    } catch (err) {
      if (!(err instanceof FormatError) && !(err instanceof RangeError)) throw err;
      r = ['FAIL', 'could not be checked: ' + err.message];
    }
    ctx.results.push({ check: name, exitCode: code, status: r[0], verdict: r[1] });
  }
  return report(ctx.results);
}

const PASS = (v) => ['PASS', v];
const FAIL = (v) => ['FAIL', v];
const SKIP = (v) => ['SKIPPED', v];

function filesPresent(ctx) {
  const missing = FILE_NAMES.filter((n) => n !== 'ballots.json' && !ctx.files.has(n));
  const unknown = [...ctx.files.keys()].filter((n) => !FILE_NAMES.includes(n)).sort();
  if (missing.length || unknown.length) {
    return FAIL([missing.length ? 'missing: ' + missing.join(', ') : '', unknown.length ? 'not part of a bundle: ' + unknown.join(', ') : '']
      .filter(Boolean).join('; '));
  }
  return PASS(`${ctx.files.size} files` + (ctx.files.has('ballots.json') ? '' : ' (ballots withheld)'));
}

async function checksums(ctx) {
  const sums = ctx.files.get('SHA256SUMS');
  if (!sums) return FAIL('SHA256SUMS is missing');
  const text = new TextDecoder('latin1').decode(sums);
  if (text === '' || !text.endsWith('\n')) return FAIL('SHA256SUMS must be lines ending in a newline');
  const lines = text.substring(0, text.length - 1).split('\n');
  const listed = [];
  const wrong = [];
  let previous = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length < 67 || line.substring(64, 66) !== '  ') return FAIL(`SHA256SUMS line ${i + 1} is not '<64 hex digits>  <file name>'`);
    const expected = line.substring(0, 64);
    if (!/^[0-9a-f]{64}$/.test(expected)) return FAIL(`SHA256SUMS line ${i + 1}: a SHA-256 value is 64 lowercase hex digits`);
    const name = line.substring(66);
    if (previous !== null && !(previous < name)) return FAIL(`SHA256SUMS line ${i + 1}: names must be sorted and distinct`);
    previous = name;
    if (!FILE_NAMES.includes(name) || name === 'SHA256SUMS' || name === 'signature.json') {
      return FAIL(`SHA256SUMS line ${i + 1} lists '${name}', which it must not`);
    }
    listed.push(name);
    const file = ctx.files.get(name);
    if (!file) wrong.push(name + ' is listed but missing');
    else if (hex(await sha256(file)) !== expected) wrong.push(name + ' does not match its checksum');
  }
  for (const name of ctx.files.keys()) {
    if (FILE_NAMES.includes(name) && name !== 'SHA256SUMS' && name !== 'signature.json' && !listed.includes(name)) wrong.push(name + ' is not listed');
  }
  if (wrong.length) return FAIL(wrong.join('; '));
  return PASS(`all ${listed.length} files match`);
}

async function fingerprint(pk) {
  return hex(await sha256(pk));
}

async function signature(ctx) {
  if (ctx.signatureError) return FAIL(ctx.signatureError);
  const sums = ctx.files.get('SHA256SUMS');
  if (!sums) return FAIL('nothing to check it against: SHA256SUMS is missing');
  const fp = await fingerprint(ctx.publicKey);
  if (!(await ed25519Verify(ctx.publicKey, sums, ctx.sig))) return FAIL(`the signature does not match SHA256SUMS under key ${ctx.keyId} (${fp})`);
  if (ctx.manifest && ctx.manifest.signingKeyId !== ctx.keyId) {
    return FAIL(`signed with key ${ctx.keyId}, but the manifest names key ${ctx.manifest.signingKeyId}`);
  }
  return PASS(`valid Ed25519 signature by key ${ctx.keyId} (${fp})`);
}

async function keyTrusted(ctx) {
  const expected = normalizeFingerprint(ctx.options.expectKey);
  if (expected === null) {
    return SKIP('no expected key given' + (ctx.publicKey ? `; compare ${await fingerprint(ctx.publicKey)} with the fingerprint the municipality published` : ''));
  }
  if (!/^[0-9a-f]{64}$/.test(expected)) return FAIL('the expected fingerprint is not 64 hex digits: ' + ctx.options.expectKey);
  if (!ctx.publicKey) return FAIL(`the bundle's key cannot be read, so it is not the expected ${expected}`);
  const actual = await fingerprint(ctx.publicKey);
  if (actual !== expected) return FAIL(`signed by key ${actual}, not by the expected ${expected}`);
  return PASS('the key is the expected ' + expected);
}

function schema(ctx) {
  if (ctx.schemaErrors.length) {
    return FAIL(ctx.schemaErrors[0] + (ctx.schemaErrors.length > 1 ? ` (and ${ctx.schemaErrors.length - 1} more)` : ''));
  }
  const n = [...ctx.files.keys()].filter((k) => k.endsWith('.json') && FILE_NAMES.includes(k)).length;
  return PASS(`${n} JSON files canonical and well-formed`);
}

async function eventChain(ctx) {
  const events = ctx.events;
  if (!events) return SKIP('events.json is missing or unreadable');
  if (events.length === 0) return FAIL('the event log is empty');
  let prev = '0'.repeat(64);
  let lastAt = null;
  // The latest instant of any earlier event: a date-only event between two instants must not let the chain's
  // time go back (10:00, then the same day's date, then 09:00 is out of order).
  let lastInstant = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== BigInt(i + 1)) return FAIL(`event ${i + 1} has sequence number ${e.seq}`);
    if (e.prev !== prev) return FAIL(`event ${e.seq} (${e.type}) does not link to the event before it`);
    const body = { actorRole: e.actorRole, at: e.at, data: e.data, prev, seq: e.seq, type: e.type };
    const h = hex(await sha256(canonicalBytes(body)));
    if (h !== e.hash) return FAIL(`event ${e.seq} (${e.type}) does not match its hash`);
    if (lastAt !== null && e.at.substring(0, 10) < lastAt.substring(0, 10)) {
      return FAIL(`event ${e.seq} (${e.type}) is dated before the event before it`);
    }
    if (e.at.length > 10) {
      if (lastInstant !== null && instantKey(e.at) < instantKey(lastInstant)) {
        return FAIL(`event ${e.seq} (${e.type}) is timed before an earlier event (${lastInstant})`);
      }
      lastInstant = e.at;
    }
    lastAt = e.at;
    prev = h;
  }
  const last = events[events.length - 1];
  return PASS(`${events.length} events, last ${last.type} at ${last.at}, head ${prev.substring(0, 16)}`);
}

/** An instant as text that sorts in time order: the fraction padded to nine digits. */
function instantKey(at) {
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(at);
  return m[1] + '.' + (m[2] || '').padEnd(9, '0');
}

const withheld = (ctx) => ctx.manifest && ctx.manifest.ballots.withheld;
const withheldVerdict = (ctx) => `ballots withheld: fewer than ${ctx.manifest.ballots.minimumVoters} voters`;

async function merkle(ctx) {
  if (withheld(ctx)) return SKIP(withheldVerdict(ctx) + '; the root is a commitment only');
  if (!ctx.ballots || ctx.root === undefined) return SKIP('needs ballots.json and merkle.json, which are missing or unreadable');
  const leaves = ctx.ballots.map((b) => b.leaf);
  for (let i = 1; i < leaves.length; i++) {
    if (ctx.ballots[i - 1].leafHex > ctx.ballots[i].leafHex) return FAIL(`ballot ${i} is out of order: ballots must be sorted by leaf hash`);
  }
  const computed = hex(await merkleRoot(leaves));
  if (ctx.treeSize !== BigInt(leaves.length)) return FAIL(`merkle.json says ${ctx.treeSize} ballots, ballots.json has ${leaves.length}`);
  if (computed !== ctx.root) return FAIL(`the ballots give root ${computed}, merkle.json says ${ctx.root}`);
  return PASS(`${leaves.length} ballots give root ${ctx.root}`);
}

function unique(ctx) {
  if (withheld(ctx)) return SKIP(withheldVerdict(ctx));
  if (!ctx.ballots) return SKIP('needs ballots.json, which is missing or unreadable');
  const leaves = new Map();
  const nonces = new Map();
  for (let i = 0; i < ctx.ballots.length; i++) {
    const b = ctx.ballots[i];
    const h = b.leafHex;
    if (leaves.has(h)) return FAIL(`ballot ${i} is a copy of ballot ${leaves.get(h)}`);
    leaves.set(h, i);
    if (nonces.has(b.nonce)) return FAIL(`ballots ${nonces.get(b.nonce)} and ${i} share nonce ${b.nonce}`);
    nonces.set(b.nonce, i);
  }
  return PASS(`${ctx.ballots.length} distinct ballots, ${ctx.ballots.length} distinct nonces`);
}

function usedCodes(ctx) {
  if (!ctx.counts || ctx.treeSize === undefined) return SKIP('needs counts.json and merkle.json, which are missing or unreadable');
  let used = 0n;
  for (const b of ctx.counts.batches) {
    if (b.used > b.issued) return FAIL(`batch ${b.batch} used ${b.used} codes but only ${b.issued} were issued`);
    used += b.used;
  }
  let channels = 0n;
  for (const [, n] of ctx.counts.channels) channels += n;
  const numbers = `codes used ${used}, ballots by channel ${channels}, Merkle tree ${ctx.treeSize}` + (ctx.ballots ? `, ballots.json ${ctx.ballots.length}` : '');
  if (used !== channels || used !== ctx.treeSize || (ctx.ballots && used !== BigInt(ctx.ballots.length))) return FAIL('the numbers differ: ' + numbers);
  if (!ctx.ballots && !withheld(ctx)) return SKIP(numbers + ', but ballots.json is unreadable');
  const per = ctx.counts.channels.map(([c, n]) => `${c} ${n}`);
  return PASS(`${used} codes used = ${used} ballots` + (per.length ? ` (${per.join(', ')})` : ''));
}

function valid(ctx) {
  if (withheld(ctx)) return SKIP(withheldVerdict(ctx));
  if (!ctx.ballots || !ctx.manifest) return SKIP('needs manifest.json and ballots.json, which are missing or unreadable');
  let invalid = 0;
  let first = null;
  ctx.ballots.forEach((b, i) => {
    const v = validateBallot(ctx.manifest, b);
    if (v.length) {
      invalid++;
      if (first === null) first = `ballot ${i}: ${v[0]}`;
    }
  });
  if (invalid) return FAIL(`${invalid} of ${ctx.ballots.length} ballots break the ballot rules; ${first}`);
  return PASS(`all ${ctx.ballots.length} ballots follow the ${ctx.manifest.ballotRules.voteType} ballot rules`);
}

async function outcome(ctx) {
  if (withheld(ctx)) return SKIP(withheldVerdict(ctx) + ', so the outcome cannot be recomputed');
  const recorded = ctx.files.get('outcome.json');
  if (!ctx.manifest || !ctx.ballots || !recorded) return SKIP('needs manifest.json, ballots.json and outcome.json, which are missing or unreadable');
  const rule = ctx.manifest.rule.name;
  const again = await recomputeOutcome(ctx.manifest, ctx.ballots);
  if (again.error !== undefined) return FAIL(`${rule} could not count the published ballots: ${again.error}`);
  const same = again.bytes.length === recorded.length && again.bytes.every((b, i) => b === recorded[i]);
  if (!same) {
    return FAIL(`outcome.json is not what ${rule} gives: ` + (ctx.outcomeWellFormed ? firstDifference(again.outcome, recorded) : 'outcome.json is malformed'));
  }
  const o = again.outcome;
  return PASS(`${rule} on ${ctx.ballots.length} ballots funds ${o.selected.length} projects for ${o.totalCost} of ${o.budget}, identical to outcome.json`);
}

function firstDifference(recomputed, recordedBytes) {
  const b = parseJson(new TextDecoder().decode(recordedBytes).trimEnd(), 'outcome.json');
  const walk = (x, y, path) => {
    if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y) && (!Array.isArray(x) || x.length === y.length)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
      for (const k of keys) {
        const d = walk(x[k], y[k], Array.isArray(x) ? `${path}[${k}]` : `${path}.${k}`);
        if (d) return d;
      }
      return null;
    }
    const sx = x === undefined ? '(absent)' : new TextDecoder().decode(canonicalBytes(x));
    const sy = y === undefined ? '(absent)' : new TextDecoder().decode(canonicalBytes(y));
    return sx === sy ? null : `${path}: recomputed ${sx.substring(0, 120)}, recorded ${sy.substring(0, 120)}`;
  };
  return walk(recomputed, b, '$') || 'the bytes differ';
}

export { RULES, isTime, normalizeFingerprint, ed25519Verify };
