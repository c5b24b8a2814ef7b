package nl.buurtbegroting.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.outcome.Decision;

/**
 * What is left while a rule funds projects one by one: the budget, what each capped category has
 * spent, and which incompatible groups already have a funded member. One place decides whether a
 * project can still be funded, so every rule honours the same constraints the same way.
 */
final class BudgetState {

    private final CompiledElection election;
    private final long limit;
    private long spent;
    private final String[] capNames;
    private final long[] caps;
    private final long[] capSpent;
    /** For each project, the capped categories it belongs to (indices into caps). */
    private final int[][] projectCaps;
    /** For each project, the incompatible groups it belongs to. */
    private final int[][] projectGroups;
    private final int[] groupFunded;

    BudgetState(CompiledElection election) {
        this(election, election.budget);
    }

    /** A state with a budget limit other than the instance's (MES runs on a virtual budget, then checks the real one). */
    BudgetState(CompiledElection election, long limit) {
        this.election = election;
        this.limit = limit;
        Instance instance = election.instance;
        Map<String, Long> capMap = instance.categoryCaps();
        // Name order (docs/spec/rules.md R.4): the cap a decision names must not depend on the order caps were given in.
        this.capNames = new java.util.TreeSet<>(capMap.keySet()).toArray(new String[0]);
        this.caps = new long[capNames.length];
        for (int c = 0; c < capNames.length; c++) {
            caps[c] = capMap.get(capNames[c]);
        }
        this.capSpent = new long[capNames.length];
        this.projectCaps = new int[election.projectCount][];
        for (int p = 0; p < election.projectCount; p++) {
            List<Integer> mine = new ArrayList<>();
            for (int c = 0; c < capNames.length; c++) {
                if (election.projects.get(p).categories().contains(capNames[c])) {
                    mine.add(c);
                }
            }
            projectCaps[p] = mine.stream().mapToInt(Integer::intValue).toArray();
        }
        List<Set<String>> groups = instance.incompatibleGroups();
        Map<String, Integer> index = instance.projectIndex();
        List<List<Integer>> byProject = new ArrayList<>();
        for (int p = 0; p < election.projectCount; p++) {
            byProject.add(new ArrayList<>());
        }
        for (int g = 0; g < groups.size(); g++) {
            for (String id : groups.get(g)) {
                byProject.get(index.get(id)).add(g);
            }
        }
        this.projectGroups = new int[election.projectCount][];
        for (int p = 0; p < election.projectCount; p++) {
            projectGroups[p] = byProject.get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        this.groupFunded = new int[groups.size()];
        java.util.Arrays.fill(groupFunded, -1);
    }

    /**
     * A fresh state with another limit that shares the election's tables with {@code template} (they never
     * change): the many runs of an add-one search do not rebuild them each time.
     */
    BudgetState(BudgetState template, long limit) {
        this.election = template.election;
        this.limit = limit;
        this.capNames = template.capNames;
        this.caps = template.caps;
        this.capSpent = new long[caps.length];
        this.projectCaps = template.projectCaps;
        this.projectGroups = template.projectGroups;
        this.groupFunded = new int[template.groupFunded.length];
        java.util.Arrays.fill(groupFunded, -1);
    }

    boolean hasConstraints() {
        return caps.length > 0 || groupFunded.length > 0;
    }

    long remaining() {
        return limit - spent;
    }

    long spent() {
        return spent;
    }

    /** Null when the project can be funded now; otherwise the reason it cannot. */
    Decision blocker(int p) {
        long c = election.cost[p];
        for (int g : projectGroups[p]) {
            if (groupFunded[g] >= 0) {
                return new Decision.Incompatible(election.projects.get(groupFunded[g]).id());
            }
        }
        if (c > remaining()) {
            return new Decision.DoesNotFit(c, remaining());
        }
        for (int k : projectCaps[p]) {
            if (capSpent[k] + c > caps[k]) {
                return new Decision.ExceedsCategoryCap(capNames[k], caps[k], capSpent[k], c);
            }
        }
        return null;
    }

    boolean fits(int p) {
        return blocker(p) == null;
    }

    void fund(int p) {
        spent = Math.addExact(spent, election.cost[p]);
        for (int k : projectCaps[p]) {
            capSpent[k] += election.cost[p];
        }
        for (int g : projectGroups[p]) {
            groupFunded[g] = p;
        }
    }

    /** Undoes {@link #fund(int)} of the most recently funded project (for backtracking searches). */
    void unfund(int p) {
        spent -= election.cost[p];
        for (int k : projectCaps[p]) {
            capSpent[k] -= election.cost[p];
        }
        for (int g : projectGroups[p]) {
            if (groupFunded[g] == p) {
                groupFunded[g] = -1;
            }
        }
    }

    int[] capsOf(int p) {
        return projectCaps[p];
    }

    int[] groupsOf(int p) {
        return projectGroups[p];
    }

    long cap(int k) {
        return caps[k];
    }

    int capCount() {
        return caps.length;
    }

    int incompatibleGroupCount() {
        return groupFunded.length;
    }
}
