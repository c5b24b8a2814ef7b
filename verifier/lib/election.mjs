// The election as the rules see it (spec section R.2): projects by index, support, tie-breaking
// ranks, and ballots grouped into identical ballots with a count. Also the decisions (R.9) and
// the outcome (R.10).
import { compareStrings, javaStrip, isJavaBlank } from './rational.mjs';

export class RuleError extends Error {}

/** Parses a tie-breaking spec exactly as the manifest must hold it (R.3); throws on anything else. */
export function parseTieBreaking(spec) {
  if (spec === 'default') return { kind: 'default', spec };
  if (spec === 'id') return { kind: 'id', desc: false, spec };
  if (spec === 'id-desc') return { kind: 'id', desc: true, spec };
  if (spec.startsWith('given:')) {
    const ids = spec.substring(6).split(',').filter((s) => !isJavaBlank(s)).map(javaStrip);
    if ('given:' + ids.join(',') !== spec) throw new RuleError(`tie-breaking '${spec}' is not in canonical form`);
    return { kind: 'given', ids, spec };
  }
  if (spec.startsWith('random:')) {
    const t = spec.substring(7);
    if (!/^-?(0|[1-9][0-9]*)$/.test(t) || t === '-0') throw new RuleError(`tie-breaking '${spec}' needs a canonical integer seed`);
    const seed = BigInt(t);
    if (seed < -(2n ** 63n) || seed >= 2n ** 63n) throw new RuleError('the seed of random tie-breaking is a 64-bit integer');
    return { kind: 'random', seed, spec };
  }
  throw new RuleError(`unknown tie-breaking policy '${spec}'`);
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function compareBytes(a, b) {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** Rank of every project under the policy (0 = preferred): a strict total order (R.3). */
export async function tieRanks(policy, projects, support) {
  const m = projects.length;
  let cmp;
  if (policy.kind === 'default') {
    cmp = (a, b) => (support[a] !== support[b] ? (support[a] > support[b] ? -1 : 1)
      : projects[a].cost !== projects[b].cost ? (projects[a].cost < projects[b].cost ? -1 : 1) : a - b);
  } else if (policy.kind === 'id') {
    cmp = (a, b) => (policy.desc ? -1 : 1) * compareStrings(projects[a].id, projects[b].id) || a - b;
  } else if (policy.kind === 'given') {
    const pos = new Map();
    policy.ids.forEach((id, i) => { if (!pos.has(id)) pos.set(id, i); });
    const at = (i) => (pos.has(projects[i].id) ? pos.get(projects[i].id) : Infinity);
    cmp = (a, b) => (at(a) !== at(b) ? (at(a) < at(b) ? -1 : 1) : a - b);
  } else {
    const keys = [];
    for (const p of projects) keys.push(await sha256(new TextEncoder().encode(policy.seed.toString() + ':' + p.id)));
    cmp = (a, b) => compareBytes(keys[a], keys[b]) || a - b;
  }
  const order = [...Array(m).keys()].sort(cmp);
  const rank = new Array(m);
  order.forEach((p, r) => { rank[p] = r; });
  return rank;
}

/**
 * The election compiled for counting. instance: {budget, projects:[{id,cost,admitted,reason,categories}],
 * caps: [[name, cap]] sorted by name, groups: [[id...]], voteType, meta}; ballots: [{projects, points}].
 */
export async function compile(instance, ballots, policy, ruleLabel) {
  const projects = instance.projects;
  const m = projects.length;
  const index = new Map(projects.map((p, i) => [p.id, i]));
  const groupOf = new Map();
  const groups = [];
  let points = instance.voteType === 'cumulative';
  for (const b of ballots) {
    if (instance.voteType === 'ordinal') {
      throw new RuleError(`the rule ${ruleLabel} does not count ordinal (ranked) ballots`);
    }
    let entries;
    if (instance.voteType === 'cumulative') {
      const map = new Map();
      b.projects.forEach((id, i) => {
        if (b.points[i] < 0n) throw new RuleError(`points for project ${id} must be a non-negative integer`);
        map.set(id, b.points[i]);
      });
      entries = [...map].filter(([, w]) => w > 0n);
    } else if (instance.voteType === 'choose-1') {
      entries = b.projects.length === 0 || b.projects[0] === '' ? [] : [[b.projects[0], 1n]];
    } else {
      entries = [...new Set(b.projects)].map((id) => [id, 1n]);
    }
    const ps = [];
    for (const [id, w] of entries) {
      const p = index.get(id);
      if (p === undefined) throw new RuleError(`ballot names unknown project '${id}'`);
      ps.push([p, w]);
      if (w !== 1n) points = true;
    }
    ps.sort((x, y) => x[0] - y[0]);
    const key = ps.map(([p, w]) => p + ':' + w).join(',');
    let g = groupOf.get(key);
    if (g === undefined) {
      g = groups.length;
      groupOf.set(key, g);
      groups.push({ projects: ps.map((x) => x[0]), weights: ps.map((x) => x[1]), count: 0n });
    }
    groups[g].count += 1n;
  }
  const support = new Array(m).fill(0n);
  const supporterGroups = Array.from({ length: m }, () => []);
  groups.forEach((g, gi) => {
    g.projects.forEach((p, j) => {
      support[p] += g.weights[j] * g.count;
      supporterGroups[p].push(gi);
    });
  });
  const rank = await tieRanks(policy, projects, support);
  return {
    instance, projects, m, voters: BigInt(ballots.length), budget: instance.budget,
    cost: projects.map((p) => p.cost), admitted: projects.map((p) => p.admitted), support, rank, policy,
    groups, supporterGroups, pointsBallots: points,
  };
}

// ---- decisions (R.9) ----

export const D = {
  funded: (round, step) => ({ code: 'FUNDED', funded: true, reason: 'funded in round ' + round + (step === '' ? '' : ' (' + step + ')') }),
  doesNotFit: (cost, remaining) => ({ code: 'DOES_NOT_FIT', reason: `costs ${cost} but only ${remaining} was left when its turn came` }),
  belowThreshold: (support, threshold) => ({ code: 'BELOW_THRESHOLD', reason: `support ${support} is below the required minimum of ${threshold}` }),
  notEligible: (reason) => ({ code: 'NOT_ELIGIBLE', reason: 'not admitted: ' + reason }),
  exceedsCap: (category, cap, spent, cost) => ({ code: 'EXCEEDS_CATEGORY_CAP',
    reason: `category ${category} already had ${spent} of its cap ${cap}, and this project costs ${cost}` }),
  incompatible: (funded) => ({ code: 'INCOMPATIBLE', reason: 'incompatible with funded project ' + funded }),
  stoppedBefore: (at, remaining) => ({ code: 'STOPPED_BEFORE', reason: `the rule stopped at project ${at}, which did not fit in the remaining ${remaining}` }),
  notInOptimum: (welfare) => ({ code: 'NOT_IN_OPTIMUM', reason: `not part of the combination with the largest total support (${welfare}) within the budget` }),
  notAffordable: (available, lacking, took) => ({ code: 'NOT_AFFORDABLE',
    reason: `its supporters had only ${available} left, ${lacking} short` + (took === '' ? '' : '; they had spent the most on project ' + took) }),
  noSupport: () => ({ code: 'NO_SUPPORT', reason: 'no voter supported it' }),
};

/** What is left while projects are funded one by one: budget, capped categories, incompatible groups (R.4). */
export class BudgetState {
  constructor(e, limit = e.budget) {
    this.e = e;
    this.limit = limit;
    this.spent = 0n;
    this.caps = e.instance.caps; // [[name, cap]] in name order
    this.capSpent = this.caps.map(() => 0n);
    this.projectCaps = e.projects.map((p) => this.caps.map(([n], k) => (p.categories.includes(n) ? k : -1)).filter((k) => k >= 0));
    const idx = new Map(e.projects.map((p, i) => [p.id, i]));
    this.projectGroups = e.projects.map(() => []);
    e.instance.groups.forEach((g, gi) => g.forEach((id) => this.projectGroups[idx.get(id)].push(gi)));
    this.groupFunded = e.instance.groups.map(() => -1);
  }

  remaining() {
    return this.limit - this.spent;
  }

  /** null when p can be funded now; otherwise the decision saying why not (precedence: R.4). */
  blocker(p) {
    const c = this.e.cost[p];
    for (const g of this.projectGroups[p]) {
      if (this.groupFunded[g] >= 0) return D.incompatible(this.e.projects[this.groupFunded[g]].id);
    }
    if (c > this.remaining()) return D.doesNotFit(c, this.remaining());
    for (const k of this.projectCaps[p]) {
      if (this.capSpent[k] + c > this.caps[k][1]) return D.exceedsCap(this.caps[k][0], this.caps[k][1], this.capSpent[k], c);
    }
    return null;
  }

  fits(p) {
    return this.blocker(p) === null;
  }

  fund(p) {
    const c = this.e.cost[p];
    this.spent += c;
    for (const k of this.projectCaps[p]) this.capSpent[k] += c;
    for (const g of this.projectGroups[p]) this.groupFunded[g] = p;
  }

  unfund(p) {
    const c = this.e.cost[p];
    this.spent -= c;
    for (const k of this.projectCaps[p]) this.capSpent[k] -= c;
    for (const g of this.projectGroups[p]) if (this.groupFunded[g] === p) this.groupFunded[g] = -1;
  }
}

/** Collects decisions in the order they are taken (R.10). */
export class OutcomeBuilder {
  constructor(e, rule) {
    this.e = e;
    this.rule = rule;
    this.decisions = new Array(e.m).fill(null);
    this.projectDetails = e.projects.map(() => ({}));
    this.fundedOrder = [];
    this.ties = [];
    this.details = {};
    this.round = 0;
  }

  /** Not admitted, then below the threshold; returns the remaining candidates (R.5). */
  excludeIneligible(minSupport) {
    const candidate = new Array(this.e.m).fill(false);
    for (let p = 0; p < this.e.m; p++) {
      if (!this.e.admitted[p]) this.decisions[p] = D.notEligible(this.e.projects[p].reason);
      else if (minSupport > 0n && this.e.support[p] < minSupport) this.decisions[p] = D.belowThreshold(this.e.support[p], minSupport);
      else candidate[p] = true;
    }
    return candidate;
  }

  fund(p, step) {
    this.decisions[p] = D.funded(++this.round, step);
    this.fundedOrder.push(p);
  }

  reject(p, decision) {
    this.decisions[p] = decision;
  }

  detail(p, key, value) {
    this.projectDetails[p][key] = value;
  }

  ruleDetail(key, value) {
    this.details[key] = value;
  }

  tie(step, tied, winner) {
    this.ties.push({ policy: this.e.policy.spec, step, tied: tied.map((p) => this.e.projects[p].id), winner: this.e.projects[winner].id });
  }

  /** The outcome as the JSON value of outcome.json (keys are sorted when written). */
  build() {
    const e = this.e;
    let total = 0n;
    for (const p of this.fundedOrder) total += e.cost[p];
    const projects = e.projects.map((pr, p) => {
      const d = this.decisions[p];
      if (d === null) throw new Error(`rule ${this.rule} left project ${pr.id} undecided`);
      return { cost: pr.cost, decision: d.code, details: this.projectDetails[p], id: pr.id, reason: d.reason, support: e.support[p] };
    });
    const details = { ...this.details };
    if (!('voters' in details)) details.voters = e.voters.toString();
    if (!('voteType' in details)) details.voteType = e.instance.voteType;
    const currency = e.instance.meta.currency;
    if (currency !== undefined && !isJavaBlank(currency) && !('currency' in details)) details.currency = javaStrip(currency);
    return {
      budget: e.budget, details, projects, rule: this.rule, selected: this.fundedOrder.map((p) => e.projects[p].id),
      ties: this.ties, tieBreaking: e.policy.spec, totalCost: total,
    };
  }
}
