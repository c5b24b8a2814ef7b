// Members and types of the bundle files (spec section 2), hashes and the Merkle tree (2.3, 2.4, 3).
import { FormatError } from './json.mjs';
import { parseTieBreaking } from './election.mjs';
import { RuleError } from './election.mjs';
import { javaStrip, isJavaBlank } from './rational.mjs';

/** Reads the members of one JSON object; done() rejects members nobody asked for. */
export class Fields {
  constructor(file, path, value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new FormatError(`${file}: ${path}: expected a JSON object`);
    this.file = file;
    this.path = path;
    this.map = value;
    this.read = new Set();
  }

  error(member, message) {
    return new FormatError(`${this.file}: ${member === '' ? this.path : this.path + '.' + member}: ${message}`);
  }

  has(name) {
    return Object.prototype.hasOwnProperty.call(this.map, name);
  }

  raw(name) {
    this.read.add(name);
    if (!this.has(name)) throw this.error(name, 'missing');
    return this.map[name];
  }

  string(name) {
    const v = this.raw(name);
    if (typeof v !== 'string') throw this.error(name, 'expected a string');
    return v;
  }

  optionalString(name) {
    const v = this.raw(name);
    if (v !== null && typeof v !== 'string') throw this.error(name, 'expected a string or null');
    return v;
  }

  integer(name) {
    const v = this.raw(name);
    if (typeof v !== 'bigint') throw this.error(name, 'expected an integer');
    return v;
  }

  nonNegative(name) {
    const v = this.integer(name);
    if (v < 0n) throw this.error(name, 'must not be negative');
    return v;
  }

  optionalInteger(name) {
    const v = this.raw(name);
    if (v !== null && typeof v !== 'bigint') throw this.error(name, 'expected an integer or null');
    return v;
  }

  bool(name) {
    const v = this.raw(name);
    if (typeof v !== 'boolean') throw this.error(name, 'expected true or false');
    return v;
  }

  object(name) {
    return new Fields(this.file, this.path + '.' + name, this.raw(name));
  }

  rawObject(name) {
    const v = this.raw(name);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw this.error(name, 'expected a JSON object');
    return v;
  }

  list(name) {
    const v = this.raw(name);
    if (!Array.isArray(v)) throw this.error(name, 'expected an array');
    return v;
  }

  strings(name) {
    return this.list(name).map((s, i) => {
      if (typeof s !== 'string') throw this.error(`${name}[${i}]`, 'expected a string');
      return s;
    });
  }

  objects(name) {
    return this.list(name).map((o, i) => new Fields(this.file, `${this.path}.${name}[${i}]`, o));
  }

  stringMap(name) {
    const m = this.rawObject(name);
    for (const k of Object.keys(m)) if (typeof m[k] !== 'string') throw this.error(`${name}.${k}`, 'expected a string');
    return m;
  }

  hexAt(member, h) {
    if (h.length !== 64) throw this.error(member, 'a SHA-256 value is 64 hex digits');
    if (!/^[0-9a-f]{64}$/.test(h)) throw this.error(member, 'a SHA-256 value is written in lowercase hex digits');
    return h;
  }

  digest(name) {
    return this.hexAt(name, this.string(name));
  }

  done() {
    for (const k of Object.keys(this.map)) if (!this.read.has(k)) throw this.error(k, 'unknown member');
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

export function base64Decode(text) {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const clean = text.replace(/=+$/, '');
  const out = [];
  let bits = 0;
  let acc = 0;
  for (const c of clean) {
    acc = (acc << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** Standard base64 with padding, in its canonical spelling, of the expected length (2.9). */
export function base64Canonical(f, member, length) {
  const text = f.string(member);
  const bytes = base64Decode(text);
  if (bytes === null) throw f.error(member, 'not valid base64');
  if (base64Encode(bytes) !== text) throw f.error(member, 'base64 not in its canonical form');
  if (bytes.length !== length) throw f.error(member, `expected ${length} bytes, found ${bytes.length}`);
  return bytes;
}

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function unhex(h) {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substring(2 * i, 2 * i + 2), 16);
  return out;
}

export async function sha256(...parts) {
  const len = parts.reduce((s, p) => s + p.length, 0);
  const all = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

export async function leafHash(bytes) {
  return sha256(new Uint8Array([0]), bytes);
}

const node = (l, r) => sha256(new Uint8Array([1]), l, r);

/** RFC 9162 section 2.1.1 over the leaf hashes. */
export async function merkleRoot(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  let level = leaves;
  // bottom-up: pair neighbours; an odd last node is promoted, which gives the same tree as the recursive split
  while (level.length > 1) {
    const pending = [];
    for (let i = 0; i + 1 < level.length; i += 2) pending.push(node(level[i], level[i + 1]));
    const next = await Promise.all(pending); // a level's digests at once, not one round trip each
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/** The root an inclusion proof leads to (RFC 9162 section 2.1.3.2), or null when it cannot be valid. */
export async function rootFromProof(proof, leafHex) {
  if (proof.leafIndex >= proof.treeSize) return null;
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1n;
  let r = unhex(leafHex);
  for (const p of proof.path) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await node(unhex(p), r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await node(r, unhex(p));
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? hex(r) : null;
}

const VOTE_TYPES = ['approval', 'choose-1', 'cumulative', 'ordinal'];
const RULE_NAMES = ['greedy', 'greedy-per-cost', 'knapsack', 'mes', 'mes-add1', 'phragmen'];
const COMPLETIONS = ['none', 'add1', 'greedy', 'add1-greedy'];

export function withheldReason(minimum) {
  return `fewer than ${minimum} voters: individual ballots are not published to protect the secrecy of the vote in a small neighbourhood`;
}

/** manifest.json (2.2) with every member and type checked, as plain values (integers as BigInt). */
export function parseManifest(json) {
  const f = new Fields('manifest.json', '$', json);
  const format = f.integer('bundleFormat');
  if (format !== 1n) throw f.error('bundleFormat', `this verifier reads bundle format 1, not ${format}`);
  const e = f.object('election');
  const election = { id: e.string('id'), name: e.string('name'), neighbourhood: e.string('neighbourhood'), currency: e.string('currency'),
    councilDecision: e.optionalString('councilDecision') };
  if (isJavaBlank(election.id)) throw e.error('id', 'election id is blank');
  e.done();
  const budget = f.nonNegative('budget');
  let previous = null;
  const categories = f.objects('categories').map((c) => {
    const name = c.string('name');
    if (previous !== null && !(previous < name)) throw c.error('name', 'categories must be sorted by name and distinct');
    previous = name;
    const cap = c.optionalInteger('cap');
    if (cap !== null && cap < 0n) throw c.error('cap', 'must not be negative');
    c.done();
    return { name, cap };
  });
  const br = f.object('ballotRules');
  const voteType = br.string('voteType');
  if (!VOTE_TYPES.includes(voteType)) throw br.error('voteType', `unknown ballot format '${voteType}'`);
  const ballotRules = { voteType };
  for (const k of ['minLength', 'maxLength', 'minSumCost', 'maxSumCost', 'minPoints', 'maxPoints', 'minSumPoints', 'maxSumPoints']) {
    ballotRules[k] = br.optionalInteger(k);
  }
  const INT_MAX = 2n ** 31n - 1n;
  for (const k of ['minLength', 'maxLength']) {
    const v = ballotRules[k];
    if (v !== null && (v > INT_MAX || v < -(2n ** 31n))) throw br.error('', 'integer overflow');
  }
  for (const [a, b] of [['minLength', 'maxLength'], ['minSumCost', 'maxSumCost'], ['minPoints', 'maxPoints'], ['minSumPoints', 'maxSumPoints']]) {
    if (ballotRules[a] !== null && ballotRules[b] !== null && ballotRules[a] > ballotRules[b]) throw br.error('', `${a} is above ${b}`);
  }
  if ((ballotRules.minLength !== null && ballotRules.minLength < 0n) || (ballotRules.maxLength !== null && ballotRules.maxLength < 0n)) {
    throw br.error('', 'ballot length limits must not be negative');
  }
  br.done();
  const ids = new Set();
  const proposals = f.objects('proposals').map((p) => {
    const id = p.string('id');
    const cost = p.nonNegative('cost');
    const admitted = p.bool('admitted');
    const reason = p.string('reason');
    if (reason !== javaStrip(reason) || admitted !== (reason === '')) {
      throw p.error('', 'an admitted proposal has an empty reason, a refused one a non-empty reason without surrounding spaces');
    }
    const name = p.string('name');
    const cats = p.strings('categories');
    if (isJavaBlank(id)) throw p.error('', 'project id is blank');
    p.done();
    return { id, name, cost, admitted, reason, categories: cats };
  });
  const groups = f.list('incompatibleGroups').map((g, i) => {
    if (!Array.isArray(g)) throw f.error(`incompatibleGroups[${i}]`, 'expected an array of project ids');
    const seen = new Set();
    for (const id of g) {
      if (typeof id !== 'string' || seen.has(id)) throw f.error(`incompatibleGroups[${i}]`, 'expected distinct project ids');
      seen.add(id);
    }
    return g;
  });
  const meta = f.stringMap('meta');
  for (const p of proposals) {
    if (ids.has(p.id)) throw f.error('', `project id ${p.id} appears twice`);
    ids.add(p.id);
  }
  for (const g of groups) for (const id of g) if (!ids.has(id)) throw f.error('', `incompatible group names unknown project ${id}`);
  const r = f.object('rule');
  const ruleName = r.string('name');
  if (!RULE_NAMES.includes(ruleName)) throw r.error('name', `unknown rule '${ruleName}'`);
  const o = r.object('options');
  const tieBreaking = o.string('tieBreaking');
  try {
    parseTieBreaking(tieBreaking);
  } catch (err) {
    if (err instanceof RuleError) throw o.error('tieBreaking', err.message);
    throw err;
  }
  const options = { tieBreaking, minSupport: o.nonNegative('minSupport'), noSkip: o.bool('noSkip') };
  options.mesCompletion = o.optionalString('mesCompletion');
  if (options.mesCompletion !== null && !COMPLETIONS.includes(options.mesCompletion)) {
    throw o.error('mesCompletion', `unknown or non-canonical MES completion '${options.mesCompletion}'`);
  }
  options.raisePastExhaustive = o.bool('raisePastExhaustive');
  o.done();
  r.done();
  const libraryVersion = f.string('libraryVersion');
  const signingKeyId = f.string('signingKeyId');
  const b = f.object('ballots');
  const ballots = { minimumVoters: b.nonNegative('minimumVoters'), withheld: b.bool('withheld'), reason: b.optionalString('reason') };
  if (ballots.reason !== (ballots.withheld ? withheldReason(ballots.minimumVoters) : null)) {
    throw b.error('reason', ballots.withheld ? `must be "${withheldReason(ballots.minimumVoters)}"` : 'must be null');
  }
  b.done();
  f.done();
  return { bundleFormat: format, election, budget, categories, ballotRules, proposals, incompatibleGroups: groups, meta,
    rule: { name: ruleName, options }, libraryVersion, signingKeyId, ballots };
}

/** One ballot of ballots.json or a receipt (2.3). */
export function parseBallot(f, voteType) {
  const nonce = f.string('nonce');
  if (!/^[0-9a-f]{32}$/.test(nonce)) throw f.error('nonce', 'a ballot nonce is 32 lowercase hex digits');
  const projects = f.strings('projects');
  let points = null;
  if (voteType === 'cumulative') {
    points = f.list('points').map((v, i) => {
      if (typeof v !== 'bigint') throw f.error(`points[${i}]`, 'expected an integer');
      return v;
    });
    if (points.length !== projects.length) throw f.error('points', `${projects.length} projects but ${points.length} points`);
  }
  if (voteType !== 'ordinal') {
    for (let i = 1; i < projects.length; i++) {
      if (!(projects[i - 1] < projects[i])) throw f.error('projects', 'project ids must be sorted and distinct');
    }
  }
  f.done();
  const json = { nonce, projects };
  if (points !== null) json.points = points;
  return { nonce, projects, points, json };
}
