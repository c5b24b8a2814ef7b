package nl.buurtbegroting.core.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * An election in the shape the rules compute on: projects by index, exact support per project, the
 * tie-breaking rank, and the ballots compressed into groups of identical ballots with a count. Real
 * elections with tens of thousands of voters have far fewer distinct ballots, and every rule here
 * treats identical ballots alike, so the rules work per group.
 */
final class CompiledElection {

    final Instance instance;
    final List<Project> projects;
    final int projectCount;
    /** Number of voters, empty ballots included. */
    final long voters;
    final long budget;
    final long[] cost;
    /** Approvals (approval, choose-one) or points (cumulative) per project. */
    final long[] support;
    final boolean[] admitted;
    /** Rank under the tie-breaking policy; lower wins. */
    final int[] tieRank;
    final TieBreaking tieBreaking;
    /** Distinct ballots: the projects each supports (positive weight), ascending by index. */
    final int[][] groupProjects;
    /** Weight per entry of {@link #groupProjects}; all 1 for approval and choose-one. */
    final long[][] groupWeights;
    /** How many voters cast each distinct ballot. */
    final long[] groupCount;
    /** For each project, the groups that support it. */
    final int[][] supporterGroups;
    /** For each project, the voters of each group in {@link #supporterGroups} (read in order, where the MES runs count supporters). */
    final long[][] supporterCounts;
    final boolean pointsBallots;

    private CompiledElection(Election election, TieBreaking tieBreaking, String ruleLabel) {
        this.instance = election.instance();
        this.projects = instance.projects();
        this.projectCount = projects.size();
        this.budget = instance.budget();
        this.tieBreaking = tieBreaking;
        this.cost = new long[projectCount];
        this.admitted = new boolean[projectCount];
        for (int i = 0; i < projectCount; i++) {
            cost[i] = projects.get(i).cost();
            admitted[i] = projects.get(i).admitted();
        }
        Map<String, Integer> index = instance.projectIndex();
        BallotGroups groups = new BallotGroups();
        int[] ps = new int[16];
        long[] ws = new long[16];
        boolean points = false;
        long n = 0;
        for (Ballot ballot : election.profile().ballots()) {
            if (ballot instanceof OrdinalBallot) {
                throw new UnsupportedElectionException("the rule " + ruleLabel
                        + " does not count ordinal (ranked) ballots; convert them to approvals first");
            }
            n++;
            Set<String> ids = ballot.supported();
            if (ids.size() > ps.length) {
                ps = new int[ids.size()];
                ws = new long[ids.size()];
            }
            int k = 0;
            for (String id : ids) {
                Integer p = index.get(id);
                if (p == null) {
                    throw new IllegalArgumentException("ballot of voter '" + ballot.voterId()
                            + "' names unknown project '" + id + "'");
                }
                ps[k++] = p;
            }
            Arrays.sort(ps, 0, k);
            // approval and choose-one ballots give every project they support weight 1
            boolean unit = ballot instanceof ApprovalBallot || ballot instanceof ChooseOneBallot;
            for (int j = 0; j < k; j++) {
                ws[j] = unit ? 1 : ballot.weight(projects.get(ps[j]).id());
                if (ws[j] != 1) {
                    points = true;
                }
            }
            groups.add(ps, ws, k);
        }
        this.voters = n;
        this.pointsBallots = points || instance.voteType() == nl.buurtbegroting.core.model.VoteType.CUMULATIVE;
        this.groupProjects = groups.projects();
        this.groupWeights = groups.weights();
        this.groupCount = groups.counts();
        this.support = new long[projectCount];
        int[] supporterCount = new int[projectCount];
        for (int g = 0; g < groupProjects.length; g++) {
            for (int j = 0; j < groupProjects[g].length; j++) {
                int p = groupProjects[g][j];
                support[p] = Math.addExact(support[p], Math.multiplyExact(groupWeights[g][j], groupCount[g]));
                supporterCount[p]++;
            }
        }
        this.supporterGroups = new int[projectCount][];
        for (int p = 0; p < projectCount; p++) {
            supporterGroups[p] = new int[supporterCount[p]];
        }
        this.supporterCounts = new long[projectCount][];
        for (int p = 0; p < projectCount; p++) {
            supporterCounts[p] = new long[supporterCount[p]];
        }
        int[] fill = new int[projectCount];
        for (int g = 0; g < groupProjects.length; g++) {
            for (int p : groupProjects[g]) {
                supporterCounts[p][fill[p]] = groupCount[g];
                supporterGroups[p][fill[p]++] = g;
            }
        }
        this.tieRank = tieBreaking.ranks(projects, support);
    }

    static CompiledElection of(Election election, TieBreaking tieBreaking, RuleName rule) {
        return new CompiledElection(election, tieBreaking, rule.label());
    }

    /** Distinct ballots. */
    int groups() {
        return groupCount.length;
    }
}
