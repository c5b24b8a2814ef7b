// greedy, greedy-per-cost, knapsack and phragmen (spec sections R.6 - R.8, R.11).
import { BudgetState, OutcomeBuilder, D, RuleError } from './election.mjs';
import { frac, gcd } from './rational.mjs';

const bySupport = (e) => (a, b) => (e.support[a] === e.support[b] ? 0 : e.support[a] > e.support[b] ? -1 : 1);

/** support/cost, highest first, cost 0 before everything (R.6). */
const bySupportPerCost = (e) => (a, b) => {
  const ca = e.cost[a];
  const cb = e.cost[b];
  if (ca === 0n || cb === 0n) {
    if (ca === 0n && cb === 0n) return bySupport(e)(a, b);
    return ca === 0n ? -1 : 1;
  }
  const left = e.support[a] * cb;
  const right = e.support[b] * ca;
  return right === left ? 0 : right < left ? -1 : 1;
};

/** Goes down the candidates in order and funds every one that fits (R.6); shared with the MES fill. */
export function greedyRun(e, out, candidate, budget, primary, noSkip, step) {
  const order = [];
  for (let p = 0; p < e.m; p++) if (candidate[p]) order.push(p);
  order.sort((a, b) => primary(a, b) || e.rank[a] - e.rank[b]);
  let stoppedAt = null;
  let remainingAtStop = 0n;
  for (const p of order) {
    if (stoppedAt !== null) {
      out.reject(p, D.stoppedBefore(stoppedAt, remainingAtStop));
      continue;
    }
    const blocker = budget.blocker(p);
    if (blocker === null) {
      budget.fund(p);
      out.fund(p, step);
    } else {
      out.reject(p, blocker);
      if (noSkip) {
        stoppedAt = e.projects[p].id;
        remainingAtStop = budget.remaining();
      }
    }
  }
  // a tie is recorded when projects equal by the primary order got different decisions
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    while (j < order.length && primary(order[i], order[j]) === 0) j++;
    if (j - i > 1) {
      const slice = order.slice(i, j);
      const funded = slice.filter((p) => out.decisions[p].funded).length;
      if (funded > 0 && funded < slice.length) out.tie(step, slice, order[i]);
    }
    i = j;
  }
}

export function greedy(e, options, label) {
  const out = new OutcomeBuilder(e, label);
  const candidate = out.excludeIneligible(options.minSupport);
  const primary = label === 'greedy-per-cost' ? bySupportPerCost(e) : bySupport(e);
  greedyRun(e, out, candidate, new BudgetState(e), primary, options.noSkip, label);
  return out.build();
}

export { bySupport };

// ---- knapsack (R.7) ----

export function knapsack(e, options) {
  const out = new OutcomeBuilder(e, 'knapsack');
  const candidate = out.excludeIneligible(options.minSupport);
  const items = [];
  for (let p = 0; p < e.m; p++) {
    if (!candidate[p]) continue;
    if (e.cost[p] > e.budget) out.reject(p, D.doesNotFit(e.cost[p], e.budget));
    else items.push(p);
  }
  items.sort((a, b) => e.rank[a] - e.rank[b]);
  const chosen = solveKnapsack(e, items);
  const budget = new BudgetState(e);
  let welfare = 0n;
  items.forEach((p, k) => {
    if (chosen[k]) {
      budget.fund(p);
      out.fund(p, '');
      welfare += e.support[p];
    }
  });
  items.forEach((p, k) => {
    if (!chosen[k]) out.reject(p, D.notInOptimum(welfare));
  });
  out.ruleDetail('welfare', welfare.toString());
  return out.build();
}

/**
 * Among the sets of items within the budget, caps and incompatible groups with the largest total
 * support, the one whose membership vector (items in rank order) is lexicographically greatest.
 * Branch and bound: Pareto fronts of (cost, support) per suffix give exact bounds without constraints.
 */
function solveKnapsack(e, item) {
  const m = item.length;
  const B = e.budget;
  const fc = new Array(m + 1);
  const fv = new Array(m + 1);
  fc[m] = [0n];
  fv[m] = [0n];
  for (let k = m - 1; k >= 0; k--) {
    const c = e.cost[item[k]];
    const v = e.support[item[k]];
    const ac = fc[k + 1];
    const av = fv[k + 1];
    const n = ac.length;
    let nb = 0;
    while (nb < n && ac[nb] <= B - c) nb++;
    const rc = [];
    const rv = [];
    let i = 0;
    let j = 0;
    let last = null;
    while (i < n || j < nb) {
      let cc;
      let vv;
      if (j >= nb || (i < n && ac[i] < ac[j] + c)) {
        cc = ac[i]; vv = av[i]; i++;
      } else if (i >= n || ac[j] + c < ac[i]) {
        cc = ac[j] + c; vv = av[j] + v; j++;
      } else {
        cc = ac[i]; vv = av[i] > av[j] + v ? av[i] : av[j] + v; i++; j++;
      }
      if (last === null || vv > last) {
        rc.push(cc); rv.push(vv); last = vv;
      }
    }
    fc[k] = rc;
    fv[k] = rv;
  }
  const bound = (k, budget) => {
    const c = fc[k];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (c[mid] <= budget) lo = mid; else hi = mid - 1;
    }
    return fv[k][lo];
  };
  const state = new BudgetState(e);
  const current = new Array(m).fill(false);
  let best = null;
  let bestValue = -1n;
  const prefixCompare = (k) => {
    if (best === null) return 1;
    for (let i = 0; i < k; i++) if (current[i] !== best[i]) return current[i] ? 1 : -1;
    return 0;
  };
  const worth = (k, b, include) => {
    if (b > bestValue) return true;
    if (b < bestValue) return false;
    current[k] = include;
    const cmp = prefixCompare(k + 1);
    current[k] = false;
    return cmp >= 0;
  };
  const dfs = (k, value) => {
    if (k === m) {
      if (value > bestValue || (value === bestValue && prefixCompare(k) > 0)) {
        bestValue = value;
        best = current.slice();
      }
      return;
    }
    const p = item[k];
    const remaining = state.remaining();
    const canInclude = state.fits(p);
    const boundIn = canInclude ? value + e.support[p] + bound(k + 1, remaining - e.cost[p]) : null;
    const boundOut = value + bound(k + 1, remaining);
    const include = () => {
      if (boundIn === null || !worth(k, boundIn, true)) return;
      state.fund(p);
      current[k] = true;
      dfs(k + 1, value + e.support[p]);
      current[k] = false;
      state.unfund(p);
    };
    const exclude = () => {
      if (worth(k, boundOut, false)) dfs(k + 1, value);
    };
    if (boundIn !== null && boundIn >= boundOut) {
      include();
      exclude();
    } else {
      exclude();
      include();
    }
  };
  dfs(0, 0n);
  return best === null ? new Array(m).fill(false) : best;
}

// ---- sequential Phragmén (R.8) ----

export function phragmen(e, options) {
  if (e.pointsBallots) throw new RuleError('the rule phragmen counts approvals only');
  const out = new OutcomeBuilder(e, 'phragmen');
  const candidate = out.excludeIneligible(options.minSupport);
  const budget = new BudgetState(e);
  let remaining = [];
  for (let p = 0; p < e.m; p++) {
    if (!candidate[p]) continue;
    if (e.cost[p] > e.budget) out.reject(p, D.doesNotFit(e.cost[p], e.budget));
    else remaining.push(p);
  }
  // loads as numerators over one common denominator
  let den = 1n;
  const load = e.groups.map(() => 0n);
  const loadSum = new Array(e.m).fill(0n);
  const numerator = (p) => loadSum[p] + den * e.cost[p];
  const compare = (a, b) => {
    const sa = e.support[a];
    const sb = e.support[b];
    if (sa === 0n || sb === 0n) return sa === 0n && sb === 0n ? 0 : sa === 0n ? 1 : -1;
    const x = numerator(a) * sb;
    const y = numerator(b) * sa;
    return x === y ? 0 : x < y ? -1 : 1;
  };
  while (remaining.length > 0) {
    let tied = [];
    for (const p of remaining) {
      const c = tied.length === 0 ? -1 : compare(p, tied[0]);
      if (c < 0) tied = [p];
      else if (c === 0) tied.push(p);
    }
    tied.sort((a, b) => e.rank[a] - e.rank[b]);
    const winner = tied[0];
    const tooBig = tied.find((p) => e.cost[p] > budget.remaining());
    if (tooBig !== undefined) {
      const left = budget.remaining();
      const id = e.projects[tooBig].id;
      for (const p of remaining) {
        if (p === tooBig) {
          out.reject(p, D.doesNotFit(e.cost[p], left));
          if (e.support[p] > 0n) out.detail(p, 'load', frac(numerator(p), den * e.support[p]));
        } else {
          out.reject(p, D.stoppedBefore(id, left));
        }
      }
      return finish(out);
    }
    if (tied.length > 1) out.tie('phragmen', tied, winner);
    remaining = remaining.filter((p) => p !== winner);
    const blocker = budget.blocker(winner);
    if (blocker !== null) {
      out.reject(winner, blocker);
      continue;
    }
    if (e.support[winner] > 0n) {
      let x = numerator(winner);
      const score = e.support[winner];
      const factor = score / gcd(x, score);
      if (factor !== 1n) {
        den *= factor;
        for (let g = 0; g < load.length; g++) load[g] *= factor;
        for (let p = 0; p < e.m; p++) loadSum[p] *= factor;
        x *= factor;
      }
      const t = x / score;
      for (const g of e.supporterGroups[winner]) {
        const grp = e.groups[g];
        const delta = (t - load[g]) * grp.count;
        for (const q of grp.projects) loadSum[q] += delta;
        load[g] = t;
      }
      out.detail(winner, 'load', frac(t, den));
    }
    budget.fund(winner);
    out.fund(winner, 'phragmen');
  }
  return finish(out);
}

function finish(out) {
  return out.build();
}
