// Reruns the manifest's rule on the published ballots (check 11, spec section R).
import { compile, parseTieBreaking, RuleError } from './election.mjs';
import { greedy, knapsack, phragmen } from './rules.mjs';
import { mes } from './equal-shares.mjs';
import { canonicalFile } from './json.mjs';

export const RULES = ['greedy', 'greedy-per-cost', 'knapsack', 'mes', 'mes-add1', 'phragmen'];

/** The instance the rules count on, from a parsed manifest. */
export function instanceOf(manifest) {
  const caps = manifest.categories.filter((c) => c.cap !== null).map((c) => [c.name, c.cap]);
  return {
    budget: manifest.budget,
    projects: manifest.proposals.map((p) => ({ id: p.id, cost: p.cost, admitted: p.admitted, reason: p.reason, categories: p.categories })),
    caps,
    groups: manifest.incompatibleGroups.map((g) => g.slice()),
    voteType: manifest.ballotRules.voteType,
    meta: manifest.meta,
  };
}

/** The outcome (as a JSON value) of `rule` with `options` on the instance and ballots. Throws RuleError. */
export async function allocate(instance, ballots, ruleName, options) {
  if (!RULES.includes(ruleName)) throw new RuleError(`unknown rule '${ruleName}'`);
  const policy = parseTieBreaking(options.tieBreaking);
  const e = await compile(instance, ballots, policy, ruleName);
  const opts = {
    minSupport: options.minSupport, noSkip: options.noSkip, mesCompletion: options.mesCompletion,
    raisePastExhaustive: options.raisePastExhaustive,
  };
  switch (ruleName) {
    case 'greedy':
    case 'greedy-per-cost':
      return greedy(e, opts, ruleName);
    case 'knapsack':
      return knapsack(e, opts);
    case 'phragmen':
      return phragmen(e, opts);
    default:
      return mes(e, opts, ruleName);
  }
}

/** The bytes outcome.json must have, or {error}. */
export async function recomputeOutcome(manifest, ballots) {
  try {
    const outcome = await allocate(instanceOf(manifest), ballots, manifest.rule.name, manifest.rule.options);
    return { bytes: canonicalFile(outcome), outcome };
  } catch (err) {
    if (err instanceof RuleError || err instanceof RangeError) return { error: err.message };
    throw err;
  }
}
