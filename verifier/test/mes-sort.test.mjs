// The payers' order in an MES price: doubles only speed it up, the BigInts decide (lib/mes.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByMoney } from '../lib/mes-sort.mjs';

// money cm[c] over a common unit den; cf[c] the double cm[c] / den, as mesRun keeps it
function classes(amounts, den) {
  return { cm: amounts, cf: amounts.map((m) => Number(m) / Number(den)) };
}

test('amounts closer than a double can tell apart are still sorted exactly', () => {
  const den = 10n ** 30n;
  const base = 7n * 10n ** 40n;
  // all round to the same double; shuffled so the native sort alone cannot get it right
  const amounts = [base + 5n, base + 1n, base + 9n, base, base + 3n, base + 2n, base + 8n];
  const { cm, cf } = classes(amounts, den);
  assert.equal(new Set(cf).size, 1);
  const items = amounts.map((_, c) => ({ c, w: 1n, n: 1n, f: 0 }));
  sortByMoney(items, cm, cf, false);
  assert.deepEqual(items.map((it) => cm[it.c]), [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

test('points ballots: ordered by money per point, exactly, where the doubles cannot tell', () => {
  const den = 3n;
  const amounts = [10n ** 20n + 1n, 2n * 10n ** 20n + 1n, 10n ** 20n, 3n * 10n ** 20n + 2n, 5n];
  const weights = [1n, 2n, 1n, 3n, 7n];
  const { cm, cf } = classes(amounts, den);
  const items = amounts.map((_, c) => ({ c, w: weights[c], n: 1n, f: 0 }));
  sortByMoney(items, cm, cf, true);
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1];
    const b = items[i];
    assert.ok(cm[a.c] * b.w <= cm[b.c] * a.w, `item ${i - 1} before ${i}`);
  }
  assert.deepEqual(items.map((it) => it.c), [4, 2, 1, 3, 0]);
});

test('an amount too large for a double falls back to the BigInt comparison', () => {
  const den = 2n ** 600n; // cf is NaN when den is this large
  const amounts = [3n * den, den, 2n * den + 1n, 2n * den];
  const cm = amounts;
  const cf = amounts.map(() => NaN);
  const items = amounts.map((_, c) => ({ c, w: 1n, n: 1n, f: 0 }));
  sortByMoney(items, cm, cf, false);
  assert.deepEqual(items.map((it) => it.c), [1, 3, 2, 0]);
});
