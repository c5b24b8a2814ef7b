// Check 12: a resident's receipt (docs/verification.md sections 3 and 4).
import { canonicalBytes, parseJson, FormatError } from './json.mjs';
import { parseBallot, Fields, hex, leafHash, rootFromProof, base64Canonical } from './parse.mjs';

const PASS = (v) => ['PASS', v];
const FAIL = (v) => ['FAIL', v];
const SKIP = (v) => ['SKIPPED', v];

export async function ed25519Verify(pk, message, sig) {
  try {
    const key = await crypto.subtle.importKey('raw', pk, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, message);
  } catch (err) {
    if (err && err.name === 'NotSupportedError') throw new FormatError('this browser cannot check Ed25519 signatures');
    return false;
  }
}

export function normalizeFingerprint(fp) {
  if (fp === undefined || fp === null || fp.trim() === '') return null;
  let f = fp.trim().toLowerCase();
  if (f.startsWith('sha256:')) f = f.substring(7);
  return f.replaceAll(':', '');
}

export async function receipt(ctx) {
  const bytes = ctx.options.receipt;
  if (!bytes) return SKIP('no receipt given');
  let r;
  try {
    r = parseReceipt(bytes, ctx.manifest ? ctx.manifest.ballotRules.voteType : 'approval');
    if (r.ballot) {
      const h = hex(await leafHash(canonicalBytes(r.ballot.json)));
      if (h !== r.leafHash) throw new FormatError("receipt: $.ballot: the ballot does not hash to the receipt's leaf hash");
    }
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    return FAIL(err.message);
  }
  if (!ctx.manifest || !ctx.publicKey || ctx.root === undefined) return FAIL("the bundle's manifest, key or Merkle root cannot be read");
  if (r.electionId !== ctx.manifest.election.id) return FAIL(`the receipt is for election ${r.electionId}, the bundle for ${ctx.manifest.election.id}`);
  const signed = { electionId: r.electionId, keyId: r.keyId, leafHash: r.leafHash, receiptFormat: 1n };
  if (r.ballot) signed.ballot = r.ballot.json;
  if (r.keyId !== ctx.keyId || !(await ed25519Verify(ctx.publicKey, canonicalBytes(signed), r.signature))) {
    return FAIL(`the receipt's signature is not valid under the bundle's key ${ctx.keyId}`);
  }
  const p = r.inclusion;
  if (!p) return FAIL('the receipt has no inclusion proof yet; fetch it again after publication');
  if (p.treeSize !== ctx.treeSize) return FAIL(`the proof is for a tree of ${p.treeSize} ballots, the bundle has ${ctx.treeSize}`);
  const root = await rootFromProof(p, r.leafHash);
  if (root === null || root !== ctx.root) return FAIL(`the inclusion proof of ballot ${r.leafHash.substring(0, 16)} does not lead to the Merkle root`);
  if (ctx.ballots && (p.leafIndex >= BigInt(ctx.ballots.length) || ctx.ballots[Number(p.leafIndex)].leafHex !== r.leafHash)) {
    return FAIL(`ballots.json has a different ballot at position ${p.leafIndex}`);
  }
  return PASS(`ballot ${r.leafHash.substring(0, 16)} is leaf ${p.leafIndex} of ${p.treeSize} under the signed root`);
}

function parseReceipt(bytes, voteType) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError('receipt: not valid UTF-8');
  }
  const f = new Fields('receipt', '$', parseJson(text.trim(), 'receipt'));
  const format = f.integer('receiptFormat');
  if (format !== 1n) throw f.error('receiptFormat', `this verifier reads receipt format 1, not ${format}`);
  const r = { electionId: f.string('electionId'), keyId: f.string('keyId'), leafHash: f.digest('leafHash') };
  r.ballot = f.has('ballot') ? parseBallot(f.object('ballot'), voteType) : null;
  r.signature = base64Canonical(f, 'signature', 64);
  if (f.has('inclusion')) {
    const i = f.object('inclusion');
    r.inclusion = { leafIndex: i.nonNegative('leafIndex'), treeSize: i.nonNegative('treeSize'), path: i.strings('path').map((h, k) => i.hexAt('path[' + k + ']', h)) };
    i.done();
  }
  f.done();
  return r;
}
