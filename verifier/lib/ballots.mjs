// Check 10: every ballot follows the manifest's ballot rules (spec section 4, check 10).

/** The violations of one ballot, as text; empty when valid. */
export function validateBallot(manifest, ballot) {
  const rules = manifest.ballotRules;
  const type = rules.voteType;
  if (!manifest.byId) manifest.byId = new Map(manifest.proposals.map((p) => [p.id, p]));
  const byId = manifest.byId;
  const out = [];
  const seen = new Set();
  let totalCost = 0n;
  let costKnown = true;
  ballot.projects.forEach((id, i) => {
    const p = byId.get(id);
    if (!p) {
      out.push(`UNKNOWN_PROJECT at projects[${i}]`);
      costKnown = false;
      return;
    }
    if (seen.has(id)) {
      out.push(`DUPLICATE_PROJECT at projects[${i}]`);
      return;
    }
    seen.add(id);
    if (!p.admitted) out.push(`NOT_ELIGIBLE_PROJECT at projects[${i}]`);
    totalCost += p.cost;
  });
  let count = ballot.projects.length;
  if (type === 'cumulative' && ballot.points && ballot.points.length === ballot.projects.length) {
    count = ballot.points.filter((v) => v !== 0n).length;
  }
  const n = BigInt(count);
  if (type === 'choose-1' && count !== 1) out.push(count < 1 ? 'TOO_FEW_PROJECTS: choose one project' : 'TOO_MANY_PROJECTS: choose exactly one project');
  if (rules.minLength !== null && n < rules.minLength) out.push('TOO_FEW_PROJECTS');
  if (rules.maxLength !== null && n > rules.maxLength) out.push('TOO_MANY_PROJECTS');
  if (costKnown && rules.maxSumCost !== null && totalCost > rules.maxSumCost) out.push('OVER_COST_LIMIT');
  if (costKnown && rules.minSumCost !== null && totalCost < rules.minSumCost) out.push('UNDER_COST_LIMIT');
  if (type !== 'cumulative') {
    if (ballot.points && ballot.points.length) out.push('POINTS_NOT_ALLOWED');
    return out;
  }
  const minPer = rules.minPoints === null || rules.minPoints < 0n ? 0n : rules.minPoints;
  let sum = 0n;
  ballot.points.forEach((v, i) => {
    if (v < minPer) {
      out.push(`POINTS_BELOW_MINIMUM at points[${i}]`);
      return;
    }
    if (rules.maxPoints !== null && v > rules.maxPoints) out.push(`POINTS_ABOVE_MAXIMUM at points[${i}]`);
    sum += v;
  });
  if (rules.maxSumPoints !== null && sum > rules.maxSumPoints) out.push('TOO_MANY_POINTS');
  if (rules.minSumPoints !== null && sum < rules.minSumPoints) out.push('TOO_FEW_POINTS');
  return out;
}
