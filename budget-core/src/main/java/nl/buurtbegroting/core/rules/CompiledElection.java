package nl.buurtbegroting.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.Ballot;
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
        Map<BallotKey, Integer> groupOf = new HashMap<>();
        List<int[]> gp = new ArrayList<>();
        List<long[]> gw = new ArrayList<>();
        List<long[]> gc = new ArrayList<>();
        boolean points = false;
        long n = 0;
        for (Ballot ballot : election.profile().ballots()) {
            if (ballot instanceof OrdinalBallot) {
                throw new UnsupportedElectionException("the rule " + ruleLabel
                        + " does not count ordinal (ranked) ballots; convert them to approvals first");
            }
            n++;
            Set<String> ids = ballot.supported();
            int[] ps = new int[ids.size()];
            long[] ws = new long[ids.size()];
            int k = 0;
            for (String id : ids) {
                Integer p = index.get(id);
                if (p == null) {
                    throw new IllegalArgumentException("ballot of voter '" + ballot.voterId()
                            + "' names unknown project '" + id + "'");
                }
                ps[k++] = p;
            }
            Arrays.sort(ps);
            for (int j = 0; j < ps.length; j++) {
                ws[j] = ballot.weight(projects.get(ps[j]).id());
                if (ws[j] != 1) {
                    points = true;
                }
            }
            BallotKey key = new BallotKey(ps, ws);
            Integer g = groupOf.get(key);
            if (g == null) {
                groupOf.put(key, gp.size());
                gp.add(ps);
                gw.add(ws);
                gc.add(new long[] {1});
            } else {
                gc.get(g)[0]++;
            }
        }
        this.voters = n;
        this.pointsBallots = points || instance.voteType() == nl.buurtbegroting.core.model.VoteType.CUMULATIVE;
        this.groupProjects = gp.toArray(new int[0][]);
        this.groupWeights = gw.toArray(new long[0][]);
        this.groupCount = new long[gc.size()];
        for (int g = 0; g < groupCount.length; g++) {
            groupCount[g] = gc.get(g)[0];
        }
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
        int[] fill = new int[projectCount];
        for (int g = 0; g < groupProjects.length; g++) {
            for (int p : groupProjects[g]) {
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

    private record BallotKey(int[] projects, long[] weights) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BallotKey k && Arrays.equals(projects, k.projects) && Arrays.equals(weights, k.weights);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(projects) + Arrays.hashCode(weights);
        }
    }
}
