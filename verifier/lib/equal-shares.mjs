// The Method of Equal Shares as a rule: mes, mes-add1, the add-one share search and the completions
// (spec sections R.9.3-R.9.6).
import { BudgetState, OutcomeBuilder, D } from './election.mjs';
import { greedyRun, bySupport } from './rules.mjs';
import { frac, gcd } from './rational.mjs';
import { mesRun } from './mes.mjs';

/** Nothing outside the outcome, among the candidates, still fits the real budget (R.9.4). */
function exhaustive(e, selected, funded, candidate) {
  const b = new BudgetState(e);
  for (const p of selected) b.fund(p);
  for (let p = 0; p < e.m; p++) if (candidate[p] && !funded[p] && b.fits(p)) return false;
  return true;
}

/** The add-one search for the share per voter (R.9.4). */
function findShare(e, candidate, supported, raisePast) {
  const first = e.voters === 0n ? 0n : e.budget / e.voters;
  let ceiling = 0n;
  for (let p = 0; p < e.m; p++) if (supported[p]) ceiling += e.cost[p];
  let share = first;
  for (;;) {
    const r = mesRun(e, supported, share, 1n, false, true);
    if (r.cost > e.budget) return { chosen: share - 1n, stop: 'over budget at share ' + share };
    if (!raisePast && exhaustive(e, r.selected, r.funded, candidate)) return { chosen: share, stop: 'exhaustive' };
    if (supported.every((s, p) => !s || r.funded[p])) return { chosen: share, stop: 'every supported project bought' };
    if (e.voters === 0n || share >= ceiling) return { chosen: share, stop: 'no larger share changes the outcome' };
    let next = r.nextEvent === Infinity ? ceiling : r.nextEvent;
    if (next > ceiling) next = ceiling;
    if (next <= share) next = share + 1n;
    share = next;
  }
}

export function mes(e, options, label) {
  const out = new OutcomeBuilder(e, label);
  const candidate = out.excludeIneligible(options.minSupport);
  const supported = new Array(e.m).fill(false);
  for (let p = 0; p < e.m; p++) {
    if (!candidate[p]) continue;
    if (e.support[p] > 0n) supported[p] = true;
    else out.reject(p, D.noSupport());
  }
  let completion = options.mesCompletion;
  if (label === 'mes-add1') completion = completion === 'add1' || completion === 'add1-greedy' ? completion : 'add1-greedy';
  else if (completion === null) completion = 'none';
  let result;
  if (completion === 'add1' || completion === 'add1-greedy') {
    const found = findShare(e, candidate, supported, options.raisePastExhaustive);
    result = mesRun(e, supported, found.chosen, 1n, true, false);
    out.ruleDetail('firstShare', (e.voters === 0n ? 0n : e.budget / e.voters).toString());
    out.ruleDetail('share', found.chosen.toString());
    out.ruleDetail('stop', found.stop);
  } else {
    const num = e.voters === 0n ? 0n : e.budget;
    const den = e.voters === 0n ? 1n : e.voters;
    const g = gcd(num, den) || 1n;
    result = mesRun(e, supported, num / g, den / g, true, false);
    out.ruleDetail('startShare', frac(num, den));
  }
  for (const t of result.ties) out.tie('mes', t, t[0]);
  for (const p of result.selected) out.fund(p, 'mes');
  for (let p = 0; p < e.m; p++) {
    for (const [k, v] of Object.entries(result.details[p])) out.detail(p, k, v);
    if (result.rejected[p] !== null) out.reject(p, result.rejected[p]);
  }
  out.ruleDetail('mesCost', result.cost.toString());
  if (completion === 'greedy' || completion === 'add1-greedy') {
    const budget = new BudgetState(e);
    for (const p of result.selected) budget.fund(p);
    const rest = new Array(e.m).fill(false);
    for (let p = 0; p < e.m; p++) {
      rest[p] = candidate[p] && !result.funded[p];
      if (rest[p]) out.detail(p, 'mesDecision', out.decisions[p].code);
    }
    greedyRun(e, out, rest, budget, bySupport(e), false, 'greedy fill');
  }
  return out.build();
}

