// One run of the Method of Equal Shares (spec section R.9.2), exact, optionally share-parametric.
import { BudgetState, D } from './election.mjs';
import { frac, gcd } from './rational.mjs';
import { sortByMoney } from './mes-sort.mjs';

const TOO_LARGE = 2n ** 500n;

/**
 * One run of MES from `startNum/startDen` money per voter. Money is kept per group of identical
 * ballots as an integer number of units 1/den. With `parametric` (an integral start e0), every amount
 * is also an affine function of the share e (value at e0 plus slope * (e - e0)), and the run returns
 * nextEvent: an integral share above e0 below which every sign this run decided on stays the same, so
 * every share in [e0, nextEvent) selects the same projects (a conservative bound; Infinity if none).
 */
export function mesRun(e, candidate, startNum, startDen, explain, parametric) {
  const weighted = e.pointsBallots;
  const G = e.groups.length;
  let den = startDen;
  // Money classes: groups holding the same money (and slope) share a class; class 0 holds nothing.
  // A class no group holds any more goes to a free list and is used again, so the classes stay at most
  // about as many as the groups (before, every payment made new ones and each purchase rescaled them all).
  const cm = [0n];
  const cs = [0n];
  const refs = [0];
  // Lazy rescaling: cm[c], cs[c] are in units of the den of purchase ep[c]; since[t] is the factor den
  // grew by after purchase t. A class is brought up to date only when it is read (its project's payers),
  // instead of every class at every purchase.
  const ep = [0];
  const since = [1n];
  const current = (c) => {
    const t = ep[c];
    if (t !== since.length - 1) {
      cm[c] *= since[t];
      cs[c] *= since[t];
      ep[c] = since.length - 1;
    }
  };
  // cf[c]: the class's money in whole units (cm[c] / den) as a double, for sorting only (see sortByMoney)
  const cf = [0];
  const free = [];
  const cls = new Int32Array(G);
  const approx = (m) => {
    // NaN unless m / den is a normal double within a few roundings of the exact value
    if (den >= TOO_LARGE || m >= TOO_LARGE || -m >= TOO_LARGE) return NaN;
    return Number(m) / Number(den);
  };
  if (startNum !== 0n || parametric) {
    cm.push(startNum);
    cs.push(parametric ? 1n : 0n);
    refs.push(G);
    ep.push(0);
    cf.push(approx(startNum));
    cls.fill(1);
  } else {
    refs[0] = G;
  }
  const newClass = (m, sl) => {
    if (m === 0n && sl === 0n) return 0;
    if (free.length > 0) {
      const c = free.pop();
      refs[c] = 0;
      ep[c] = since.length - 1;
      cm[c] = m;
      cs[c] = sl;
      cf[c] = approx(m);
      return c;
    }
    cm.push(m);
    cs.push(sl);
    refs.push(0);
    ep.push(since.length - 1);
    cf.push(approx(m));
    return cm.length - 1;
  };
  const move = (g, next) => {
    refs[cls[g]]--;
    refs[next]++;
    cls[g] = next;
  };
  const release = (c) => {
    if (c !== 0 && refs[c] === 0) {
      free.push(c);
      refs[c] = -1; // on the free list
    }
  };
  const e0 = parametric ? startNum : 0n;
  let nextEvent = Infinity;
  const event = (at) => {
    if (at <= e0) at = e0 + 1n;
    if (nextEvent === Infinity || at < nextEvent) nextEvent = at;
  };
  // f(e0) >= 0: the first integral share where f < 0
  const whenNegative = (f, fs) => {
    if (!parametric || fs >= 0n) return;
    const down = -fs;
    event(f < 0n ? e0 + 1n : e0 + f / down + 1n);
  };
  // f(e0) > 0: the first integral share where f <= 0
  const whenNotPositive = (f, fs) => {
    if (!parametric || fs >= 0n) return;
    const down = -fs;
    event(f <= 0n ? e0 + 1n : e0 + (f + down - 1n) / down);
  };
  if (e.supporterWeights === undefined) {
    const weightOf = (g, p) => e.groups[g].weights[e.groups[g].projects.indexOf(p)];
    e.supporterWeights = e.supporterGroups.map((gs, p) => gs.map((g) => weightOf(g, p)));
    e.groupCountNumber = e.groups.map((g) => Number(g.count));
  }
  const supporterWeights = e.supporterWeights;
  const countNumber = e.groupCountNumber;
  let slot = new Int32Array(64).fill(-1);
  let approvalLeft = 0n;

  /** Water-filling of p's price (R.9.2): who pays all they have, what the others pay. */
  const price = (p) => {
    const items = [];
    const gs = e.supporterGroups[p];
    if (weighted) {
      for (let i = 0; i < gs.length; i++) {
        const g = gs[i];
        if (cls[g] !== 0) items.push({ c: cls[g], g, w: supporterWeights[p][i], n: e.groups[g].count, f: 0 });
      }
    } else {
      if (slot.length < cm.length) {
        const bigger = new Int32Array(2 * cm.length).fill(-1);
        slot = bigger;
      }
      const counts = [];
      let voters = 0;
      for (const g of gs) {
        const c = cls[g];
        if (c === 0) continue;
        const k = slot[c];
        if (k < 0) {
          slot[c] = counts.length;
          counts.push(countNumber[g]);
          items.push({ c, w: 1n, n: 0n, f: 0 });
        } else {
          counts[k] += countNumber[g];
        }
        voters += countNumber[g];
      }
      for (let k = 0; k < items.length; k++) {
        items[k].n = BigInt(counts[k]);
        slot[items[k].c] = -1;
      }
      approvalLeft = BigInt(voters);
    }
    for (const it of items) current(it.c);
    const target = den * e.cost[p];
    if (target === 0n) return { affordable: true, rest: 0n, restSlope: 0n, left: 1n, items, poor: new Set(), zero: true };
    sortByMoney(items, cm, cf, weighted);
    let left = 0n;
    if (weighted) {
      for (const it of items) left += it.n * it.w;
    } else {
      left = approvalLeft;
    }
    let paid = 0n;
    let paidSlope = 0n;
    const poor = new Set();
    for (const it of items) {
      const toPay = target - paid;
      if (cm[it.c] * left >= toPay * it.w) break;
      poor.add(it);
      paid += cm[it.c] * it.n;
      paidSlope += cs[it.c] * it.n;
      left -= it.n * it.w;
    }
    const rest = target - paid;
    const restSlope = -paidSlope;
    if (left === 0n) {
      // everyone paid all they have: paid is what they hold
      whenNotPositive(target - paid, -paidSlope); // affordable once they hold the cost
      return { affordable: false };
    }
    return { affordable: true, rest, restSlope, left, items, poor, zero: false };
  };
  const priceNum = (pr) => pr.rest;
  const priceDen = (p, pr) => (pr.zero ? 1n : den * pr.left * (weighted ? 1n : e.cost[p]));

  const budget = new BudgetState(e, 2n ** 61n);
  const rejected = new Array(e.m).fill(null);
  const funded = new Array(e.m).fill(false);
  const details = e.projects.map(() => ({}));
  const order = [];
  const ties = [];
  const rounds = []; // explain: per round, payment per voter of each paying group, over that round's den
  // Lazy evaluation (as equalshares.net and pabutools do): prices only rise during a run, so a price
  // computed in an earlier round is a lower bound; only the project in front is priced again, until a
  // freshly priced project is in front. This picks exactly the project R.9.2 picks.
  const queue = [];
  const dropped = [];
  const enter = (p, round) => {
    const pr = price(p);
    if (!pr.affordable) return null;
    return { p, pr, num: pr.rest, den: priceDen(p, pr), numSlope: pr.restSlope, round };
  };
  for (let p = 0; p < e.m; p++) {
    if (!candidate[p]) continue;
    const c = enter(p, 0);
    if (c === null) dropped.push(p);
    else queue.push(c);
  }
  const before = (a, b) => {
    const x = a.num * b.den;
    const y = b.num * a.den;
    return x !== y ? x < y : e.rank[a.p] < e.rank[b.p];
  };
  const samePrice = (a, b) => a.num * b.den === b.num * a.den;
  let round = 0;
  while (queue.length > 0) {
    let k = 0;
    for (let j = 1; j < queue.length; j++) if (before(queue[j], queue[k])) k = j;
    const top = queue[k];
    if (top.round !== round) {
      const c = enter(top.p, round);
      if (c === null) {
        queue.splice(k, 1);
        dropped.push(top.p);
      } else {
        queue[k] = c;
      }
      continue;
    }
    const blocker = budget.blocker(top.p);
    queue.splice(k, 1);
    if (blocker !== null) {
      // caps only fill up and a funded partner stays funded: it can never be bought
      rejected[top.p] = blocker;
      continue;
    }
    const tied = [top];
    for (let j = 0; j < queue.length; j++) {
      if (!samePrice(queue[j], top)) continue;
      if (queue[j].round !== round) {
        const c = enter(queue[j].p, round);
        if (c === null) continue; // dropped when it comes to the front
        queue[j] = c;
        if (!samePrice(c, top)) continue;
      }
      if (budget.blocker(queue[j].p) === null) tied.push(queue[j]);
    }
    if (tied.length > 1) {
      tied.sort((a, b) => e.rank[a.p] - e.rank[b.p]);
      ties.push(tied.map((c) => c.p));
    }
    const w = top;
    if (parametric) {
      // The winner's price is exact only while its split into who pays all and who pays the share holds.
      // Any other price, with the split it was computed with, is a lower bound for every larger share: a
      // price is the largest of the prices over all splits (R.9.2), each linear in the share, and money only
      // falls during a run. So only the winner's split and the order of the prices need watching.
      if (!w.pr.zero) {
        for (const it of w.pr.items) {
          // only a falling f can change sign, so f is computed only then
          const fs = w.pr.restSlope * it.w - cs[it.c] * w.pr.left;
          const poor = w.pr.poor.has(it);
          if (poor ? fs >= 0n : fs <= 0n) continue;
          const f = w.pr.rest * it.w - cm[it.c] * w.pr.left;
          if (poor) whenNegative(f, fs);
          else whenNegative(-f, -fs);
        }
      }
      for (const q of queue) {
        const gap = q.num * w.den - w.num * q.den;
        const gapSlope = q.numSlope * w.den - w.numSlope * q.den;
        if (e.rank[w.p] < e.rank[q.p]) whenNegative(gap, gapSlope);
        else whenNotPositive(gap, gapSlope);
      }
    }
    buy(w.p, w.pr);
    round++;
  }

  function buy(p, pr) {
    const rho = frac(pr.rest, priceDen(p, pr));
    budget.fund(p);
    funded[p] = true;
    order.push(p);
    if (pr.rest === 0n) {
      if (explain) {
        rounds.push({ den: 1n, paid: new Map() });
        describe(p, rho, new Map(), 1n);
      }
      return;
    }
    const g0 = gcd(gcd(pr.rest, pr.left), pr.restSlope);
    const f = pr.left / g0;
    if (f !== 1n) {
      den *= f;
      for (let t = 0; t < since.length; t++) since[t] *= f;
      since.push(1n);
    }
    for (const it of pr.items) current(it.c); // the payers, in the new unit
    const share = pr.rest / g0;
    const shareSlope = pr.restSlope / g0;
    const paidBy = new Map();
    const paid = new Map();
    // approval: an old class's class after paying (every group of it pays alike), by slot in pr.items
    const after = weighted ? null : new Int32Array(pr.items.length);
    const paysOf = weighted ? null : new Array(pr.items.length);
    if (!weighted && slot.length < cm.length) slot = new Int32Array(2 * cm.length).fill(-1);
    for (let k = 0; k < pr.items.length; k++) {
      const it = pr.items[k];
      const poor = pr.poor.has(it);
      const pays = poor ? cm[it.c] : share * it.w;
      const next = poor ? 0 : newClass(cm[it.c] - pays, cs[it.c] - shareSlope * it.w);
      if (weighted) {
        move(it.g, next);
        if (explain) paid.set(it.g, pays);
      } else {
        after[k] = next;
        paysOf[k] = pays;
      }
      if (explain) paidBy.set(pays, (paidBy.get(pays) || 0n) + it.n);
    }
    if (!weighted) {
      // the old classes are all still in use (none is free before the moves), so slot[] can name them
      for (let k = 0; k < pr.items.length; k++) slot[pr.items[k].c] = k;
      for (const g of e.supporterGroups[p]) {
        const c = cls[g];
        if (c === 0) continue;
        const k = slot[c];
        if (explain) paid.set(g, paysOf[k]);
        move(g, after[k]);
      }
      for (let k = 0; k < pr.items.length; k++) slot[pr.items[k].c] = -1;
    }
    for (const it of pr.items) release(it.c);
    if (explain) {
      rounds.push({ den, paid });
      describe(p, rho, paidBy, den, share);
    }
  }

  function describe(p, rho, paidBy, unit, share) {
    const d = details[p];
    d.rho = rho;
    const [rn, rd] = rho.includes('/') ? rho.split('/').map(BigInt) : [BigInt(rho), 1n];
    if (!weighted) d.share = frac(rn * e.cost[p], rd);
    const amounts = [...paidBy.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let payers = 0n;
    let full = 0n;
    const list = [];
    for (const a of amounts) {
      if (a === 0n) continue;
      const n = paidBy.get(a);
      payers += n;
      if (!weighted && share !== undefined && a === share) full += n;
      list.push(n + 'x' + frac(a, unit));
    }
    const lowest = amounts.find((a) => a > 0n);
    d.payers = payers.toString();
    d.minPayment = lowest === undefined ? '0' : frac(lowest, unit);
    d.maxPayment = amounts.length === 0 ? '0' : frac(amounts[amounts.length - 1], unit);
    if (!weighted) {
      d.paidFullShare = full.toString();
      d.paidAllTheyHad = (payers - full).toString();
    }
    if (amounts.length <= 12) d.payments = list.join(';');
  }

  for (const p of dropped) {
    if (rejected[p] === null) rejected[p] = explain ? notAffordable(p) : D.notAffordable('', '', '');
  }

  function notAffordable(p) {
    const gs = e.supporterGroups[p];
    let held = 0n;
    for (const g of gs) {
      current(cls[g]);
      held += cm[cls[g]] * e.groups[g].count;
    }
    const spent = [];
    rounds.forEach((r, i) => {
      let sum = 0n;
      for (const g of gs) {
        const a = r.paid.get(g);
        if (a !== undefined) sum += a * e.groups[g].count;
      }
      if (sum > 0n) spent.push({ i, sum, den: r.den });
    });
    spent.sort((a, b) => {
      const x = b.sum * a.den;
      const y = a.sum * b.den;
      return x !== y ? (x < y ? -1 : 1) : a.i - b.i;
    });
    const available = frac(held, den);
    const lacking = frac(e.cost[p] * den - held, den);
    const d = details[p];
    d.available = available;
    d.lacking = lacking;
    d.spentOn = spent.map((s) => e.projects[order[s.i]].id + ':' + frac(s.sum, s.den)).join(';');
    return D.notAffordable(available, lacking, spent.length === 0 ? '' : e.projects[order[spent[0].i]].id);
  }

  let cost = 0n;
  for (const p of order) cost += e.cost[p];
  return { selected: order, cost, funded, rejected, details, ties, nextEvent };
}
