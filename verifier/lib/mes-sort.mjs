// The order of the payers of a price in an MES run (lib/mes.mjs): exact, sped up by doubles.

const MARGIN = 2 ** -40;
const INDEX_BITS = 16;
const MAX_WEIGHT = 2n ** 53n;
let keys = new Float64Array(256);
let keyBits = new Uint32Array(keys.buffer);
const lowWord = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1; // a double's lowest bits

/**
 * Sorts items by money per point (cm[c] / w), exactly. A native sort of doubles (each carrying its
 * item's index in its lowest bits) puts them nearly in order; an insertion sort with the exact order
 * then makes it right whatever the doubles said, and costs little when they were nearly right.
 */
export function sortByMoney(items, cm, cf, weighted) {
  const n = items.length;
  let fast = n < 2 ** INDEX_BITS;
  for (let i = 0; fast && i < n; i++) {
    const it = items[i];
    if (weighted && it.w >= MAX_WEIGHT) fast = false;
    it.f = weighted ? cf[it.c] / Number(it.w) : cf[it.c];
    if (Number.isNaN(it.f)) fast = false;
  }
  const exact = (a, b) => {
    // the doubles decide when they differ by more than their possible error (a relative 2^-50: at most
    // four roundings from the exact values; the margin 2^-40 is far above twice that), else the BigInts
    const d = a.f - b.f;
    if (d > MARGIN * Math.abs(a.f) || -d > MARGIN * Math.abs(b.f)) return d < 0 ? -1 : 1;
    const x = weighted ? cm[a.c] * b.w : cm[a.c];
    const y = weighted ? cm[b.c] * a.w : cm[b.c];
    return x === y ? 0 : x < y ? -1 : 1;
  };
  if (!fast) {
    items.sort(exact);
    return;
  }
  if (keys.length < n) {
    keys = new Float64Array(2 * n);
    keyBits = new Uint32Array(keys.buffer);
  }
  const mask = 2 ** INDEX_BITS - 1;
  for (let i = 0; i < n; i++) {
    keys[i] = items[i].f;
    const k = 2 * i + lowWord;
    keyBits[k] = ((keyBits[k] & ~mask) | i) >>> 0;
  }
  keys.subarray(0, n).sort();
  const copy = items.slice();
  for (let i = 0; i < n; i++) items[i] = copy[keyBits[2 * i + lowWord] & mask];
  let moves = 0;
  for (let i = 1; i < n; i++) {
    const it = items[i];
    let j = i - 1;
    while (j >= 0 && exact(items[j], it) > 0) {
      items[j + 1] = items[j];
      j--;
      moves++;
    }
    items[j + 1] = it;
    if (moves > 8 * n) {
      // many nearly equal amounts in a bad order: a comparison sort finishes the job in n log n
      items.sort(exact);
      return;
    }
  }
}
