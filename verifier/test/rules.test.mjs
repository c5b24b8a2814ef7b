import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { allocate } from '../lib/recompute.mjs';
import { tieRanks, parseTieBreaking } from '../lib/election.mjs';
import { isTime } from '../lib/checks.mjs';

const project = (id, cost, extra = {}) => ({ id, cost: BigInt(cost), admitted: true, reason: '', categories: [], ...extra });
const approval = (...sets) => sets.map((projects) => ({ projects, points: null }));
const instance = (budget, projects, extra = {}) => ({ budget: BigInt(budget), projects, caps: [], groups: [], voteType: 'approval', meta: {}, ...extra });
const options = (extra = {}) => ({ tieBreaking: 'id', minSupport: 0n, noSkip: false, mesCompletion: null, raisePastExhaustive: false, ...extra });
const decisions = (o) => Object.fromEntries(o.projects.map((p) => [p.id, p.decision]));

test('random:SEED orders by SHA-256 of "SEED:id" as unsigned bytes (R.3)', async () => {
  const projects = ['a', 'b', 'c', '10'].map((id) => project(id, 1));
  const rank = await tieRanks(parseTieBreaking('random:42'), projects, projects.map(() => 0n));
  const byHash = projects.map((p, i) => [createHash('sha256').update('42:' + p.id).digest('hex'), i]).sort();
  assert.deepEqual(byHash.map(([, i]) => rank[i]), [0, 1, 2, 3]);
  assert.throws(() => parseTieBreaking('random:+4'));
  assert.throws(() => parseTieBreaking('given:a, b'));
  assert.equal(parseTieBreaking('given:').spec, 'given:');
});

test('greedy skips what does not fit and records a tie only when it decided something (R.6)', async () => {
  const o = await allocate(instance(10, [project('a', 6), project('b', 6), project('c', 3)]), approval(['a', 'b', 'c'], ['a', 'b']), 'greedy', options());
  assert.deepEqual(o.selected, ['a', 'c']);
  assert.deepEqual(decisions(o), { a: 'FUNDED', b: 'DOES_NOT_FIT', c: 'FUNDED' });
  assert.equal(o.projects[1].reason, 'costs 6 but only 4 was left when its turn came');
  assert.deepEqual(o.ties, [{ policy: 'id', step: 'greedy', tied: ['a', 'b'], winner: 'a' }]);
  const stop = await allocate(instance(10, [project('a', 6), project('b', 6), project('c', 3)]), approval(['a', 'b', 'c'], ['a', 'b']), 'greedy', options({ noSkip: true }));
  assert.equal(stop.projects[2].reason, 'the rule stopped at project b, which did not fit in the remaining 4');
});

test('a project over the remaining budget and over its cap does not fit (R.4 precedence)', async () => {
  const inst = instance(10, [project('a', 6, { categories: ['green'] }), project('b', 5, { categories: ['green'] })], { caps: [['green', 8n]] });
  const o = await allocate(inst, approval(['a', 'b'], ['a']), 'greedy', options());
  assert.equal(o.projects[1].decision, 'DOES_NOT_FIT');
  const roomy = await allocate({ ...inst, budget: 20n }, approval(['a', 'b'], ['a']), 'greedy', options());
  assert.equal(roomy.projects[1].reason, 'category green already had 6 of its cap 8, and this project costs 5');
});

test('knapsack prefers, among optimal sets, the best-ranked projects (R.7)', async () => {
  // {a} and {b, c} both have support 2; id order puts a first
  const o = await allocate(instance(4, [project('a', 4), project('b', 2), project('c', 2)]), approval(['a'], ['a'], ['b', 'c']), 'knapsack', options());
  assert.deepEqual(o.selected, ['a']);
  assert.equal(o.details.welfare, '2');
  const desc = await allocate(instance(4, [project('a', 4), project('b', 2), project('c', 2)]), approval(['a'], ['a'], ['b', 'c']), 'knapsack', options({ tieBreaking: 'id-desc' }));
  assert.deepEqual(desc.selected, ['c', 'b']);
});

test('Equal Shares: the price, the payments and what the supporters of the rest held (R.9)', async () => {
  // 10 voters, 700 each; 7 approve a (cost 3600): share 3600/7 each
  const ballots = approval(...Array(7).fill(['a']), ['b'], ['b'], []);
  const o = await allocate(instance(7000, [project('a', 3600), project('b', 2000)]), ballots, 'mes', options());
  assert.deepEqual(o.selected, ['a']);
  const a = o.projects[0].details;
  assert.equal(a.rho, '1/7');
  assert.equal(a.share, '3600/7');
  assert.equal(a.payments, '7x3600/7');
  assert.equal(a.paidFullShare, '7');
  const b = o.projects[1];
  assert.equal(b.decision, 'NOT_AFFORDABLE');
  assert.equal(b.details.available, '1400');
  assert.equal(b.reason, 'its supporters had only 1400 left, 600 short');
  assert.equal(o.details.startShare, '700');
});

test('mes-add1 raises the share until the outcome is exhaustive, then fills greedily (R.9.4)', async () => {
  const ballots = approval(...Array(7).fill(['a']), ['b'], ['b'], []);
  const o = await allocate(instance(7000, [project('a', 3600), project('b', 2000)]), ballots, 'mes-add1', options());
  assert.equal(o.details.firstShare, '700');
  assert.equal(o.details.share, '1000');
  assert.equal(o.details.stop, 'exhaustive');
  assert.deepEqual(o.selected, ['a', 'b']);
});

test('Phragmén stops at the first chosen project that does not fit (R.8)', async () => {
  const projects = [project('a', 4), project('b', 3), project('c', 1), project('d', 1)];
  const o = await allocate(instance(5, projects), approval(['a'], ['a'], ['b'], ['c']), 'phragmen', options());
  // values: c 1, a 4/2 = 2, b 3, d infinite (nobody approves it)
  assert.deepEqual(o.selected, ['c', 'a']);
  assert.equal(o.projects[1].decision, 'DOES_NOT_FIT');
  assert.equal(o.projects[1].details.load, '3');
  assert.equal(o.projects[3].reason, 'the rule stopped at project b, which did not fit in the remaining 0');
});

test('event times are exactly what Instant.toString prints (docs/verification.md 2.5)', () => {
  for (const ok of ['2026-03-31', '2026-03-31T09:00:00Z', '2026-03-31T09:00:00.500Z', '2026-03-31T09:00:00.000500Z', '2024-02-29']) assert.ok(isTime(ok), ok);
  for (const bad of ['+10000-01-01T00:00:00Z', '2026-03-31T09:00:00.000Z', '2026-03-31T09:00:00.5Z', '2026-02-30', '2026-03-31T24:00:00Z', '2026-03-31 09:00:00Z', '2025-02-29']) assert.ok(!isTime(bad), bad);
});
