// Reading a bundle's files for the checks (docs/verification.md section 2): every JSON file parsed
// against its schema; a problem becomes a schema error for check 5, so that other checks still run.
import { readCanonicalFile, canonicalBytes, FormatError } from './json.mjs';
import { parseManifest, parseBallot, Fields, hex, leafHash, base64Canonical } from './parse.mjs';
import { isJavaBlank } from './rational.mjs';

export async function parseSignature(ctx) {
  const file = ctx.files.get('signature.json');
  if (!file) {
    ctx.signatureError = 'signature.json is missing';
    return;
  }
  try {
    const f = new Fields('signature.json', '$', readCanonicalFile('signature.json', file));
    if (f.string('algorithm') !== 'Ed25519') throw f.error('algorithm', 'only Ed25519 is used');
    if (f.string('signedFile') !== 'SHA256SUMS') throw f.error('signedFile', 'the signed file is always SHA256SUMS');
    const keyId = f.string('keyId');
    const pk = base64Canonical(f, 'publicKey', 32);
    const sig = base64Canonical(f, 'signature', 64);
    f.done();
    Object.assign(ctx, { keyId, publicKey: pk, sig });
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    ctx.signatureError = err.message;
  }
}

function parse(ctx, name, parser) {
  const bytes = ctx.files.get(name);
  if (!bytes) return null;
  try {
    return parser(readCanonicalFile(name, bytes));
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    ctx.schemaErrors.push(err.message);
    return null;
  }
}

export async function parseContent(ctx) {
  ctx.manifest = parse(ctx, 'manifest.json', parseManifest);
  ctx.events = parse(ctx, 'events.json', (json) => {
    const root = new Fields('events.json', '$', json);
    const out = root.objects('events').map((e) => {
      const ev = { seq: e.integer('seq'), type: e.string('type'), at: e.string('at') };
      if (!isTime(ev.at)) throw e.error('at', 'neither a date (2026-03-31) nor a UTC timestamp (2026-03-31T09:00:00Z)');
      ev.actorRole = e.string('actorRole');
      if (isJavaBlank(ev.type) || isJavaBlank(ev.actorRole)) throw e.error('', 'an event needs a type and an actor role');
      ev.data = e.rawObject('data');
      ev.prev = e.digest('prev');
      ev.hash = e.digest('hash');
      e.done();
      return ev;
    });
    root.done();
    return out;
  });
  ctx.counts = parse(ctx, 'counts.json', (json) => {
    const f = new Fields('counts.json', '$', json);
    const names = new Set();
    const batches = f.objects('codeBatches').map((b) => {
      const batch = b.string('batch');
      if (isJavaBlank(batch) || names.has(batch)) throw b.error('batch', 'batch names must be non-empty and distinct');
      names.add(batch);
      const r = { batch, issued: b.nonNegative('issued'), used: b.nonNegative('used') };
      b.done();
      return r;
    });
    const raw = f.rawObject('ballotsByChannel');
    const channels = [];
    for (const k of Object.keys(raw).sort()) {
      if (typeof raw[k] !== 'bigint' || raw[k] < 0n) throw f.error('ballotsByChannel.' + k, 'expected a non-negative integer');
      channels.push([k, raw[k]]);
    }
    f.done();
    return { batches, channels };
  });
  parse(ctx, 'merkle.json', (json) => {
    const f = new Fields('merkle.json', '$', json);
    if (f.string('algorithm') !== 'RFC9162-SHA256') throw f.error('algorithm', 'expected RFC9162-SHA256');
    const size = f.nonNegative('treeSize');
    const root = f.digest('rootHash');
    f.done();
    ctx.treeSize = size;
    ctx.root = root;
    return true;
  });
  ctx.outcomeWellFormed = parse(ctx, 'outcome.json', checkOutcomeSchema) !== null;
  if (ctx.files.has('ballots.json') && ctx.manifest) {
    ctx.ballots = parse(ctx, 'ballots.json', (json) => {
      const f = new Fields('ballots.json', '$', json);
      const out = f.objects('ballots').map((b) => parseBallot(b, ctx.manifest.ballotRules.voteType));
      f.done();
      return out;
    });
  }
  if (ctx.ballots) {
    // all digests asked for at once: WebCrypto answers each asynchronously, one by one waits for every answer
    const leaves = await Promise.all(ctx.ballots.map((b) => leafHash(canonicalBytes(b.json))));
    ctx.ballots.forEach((b, i) => {
      b.leaf = leaves[i];
      b.leafHex = hex(b.leaf);
    });
  }
  const m = ctx.manifest;
  if (m) {
    const present = ctx.files.has('ballots.json');
    if (m.ballots.withheld && present) ctx.schemaErrors.push('manifest.json says the ballots are withheld, but ballots.json is present');
    else if (!m.ballots.withheld && !present) ctx.schemaErrors.push('manifest.json says the ballots are published, but ballots.json is missing');
    if (ctx.treeSize !== undefined && m.ballots.withheld !== (ctx.treeSize < m.ballots.minimumVoters)) {
      ctx.schemaErrors.push(`manifest.json: withheld does not agree with ${ctx.treeSize} voters and the minimum of ${m.ballots.minimumVoters}`);
    }
  }
}

function checkOutcomeSchema(json) {
  const f = new Fields('outcome.json', '$', json);
  f.string('rule');
  f.nonNegative('budget');
  f.nonNegative('totalCost');
  f.strings('selected');
  for (const p of f.objects('projects')) {
    p.string('id');
    p.nonNegative('cost');
    p.integer('support');
    p.string('decision');
    p.string('reason');
    p.stringMap('details');
    p.done();
  }
  for (const t of f.objects('ties')) {
    t.string('step');
    t.strings('tied');
    t.string('winner');
    t.string('policy');
    t.done();
  }
  f.string('tieBreaking');
  f.stringMap('details');
  f.done();
  return true;
}

/** A date YYYY-MM-DD, or an instant as java.time.Instant.toString prints it (spec 2.5). */
export function isTime(at) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}|\d{6}|\d{9}))?Z)?$/.exec(at);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) return false;
  if (m[4] === undefined) return at.length === 10;
  if (+m[4] > 23 || +m[5] > 59 || +m[6] > 59) return false;
  if (m[7] !== undefined && m[7].endsWith('000')) return false; // Instant.toString prints the shortest of 3, 6, 9 digits
  return true;
}

