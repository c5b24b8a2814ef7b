package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnapsackTest {

    private final AllocationRule knapsack = RuleName.KNAPSACK.create();

    @Test
    void prefersTwoSmallPopularProjectsOverOneLargeOne() {
        Instance instance = Instance.of(100, List.of(Project.of("big", 100), Project.of("a", 50), Project.of("b", 50)));
        Profile profile = new Profile(List.of(
                ApprovalBallot.of("big"), ApprovalBallot.of("big"), ApprovalBallot.of("big"),
                ApprovalBallot.of("a", "b"), ApprovalBallot.of("a", "b")));
        Outcome outcome = knapsack.allocate(new Election(instance, profile));
        assertEquals(Set.of("a", "b"), new HashSet<>(outcome.selected()));
        assertEquals("4", outcome.details().get("welfare"));
        assertEquals(new Decision.NotInOptimum(4), outcome.result("big").orElseThrow().decision());
    }

    /**
     * The search goes one level deeper per proposal; it keeps its own stack, so thousands of proposals fit on a
     * thread of 256 KB (a recursive search overflowed near 2,500 on a default request thread). Costs 1..5,000
     * listed dearest first, one resident approves all, the budget is 1 + ... + 2,000: the only way to fund 2,000
     * projects is the 2,000 cheapest.
     */
    @Test
    void searchesFiveThousandProposalsOnASmallStack() throws InterruptedException {
        List<Project> projects = new ArrayList<>();
        for (int cost = 5_000; cost >= 1; cost--) {
            projects.add(Project.of("p" + cost, cost));
        }
        Instance instance = Instance.of(2_000L * 2_001 / 2, projects);
        Profile profile = Profile.of(ApprovalBallot.of(projects.stream().map(Project::id).toArray(String[]::new)));
        Outcome[] outcome = new Outcome[1];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                outcome[0] = knapsack.allocate(new Election(instance, profile));
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertEquals(null, failure[0]);
        Set<String> cheapest = new HashSet<>();
        for (int cost = 1; cost <= 2_000; cost++) {
            cheapest.add("p" + cost);
        }
        assertEquals(cheapest, new HashSet<>(outcome[0].selected()));
        assertEquals("2000", outcome[0].details().get("welfare"));
    }

    @Test
    void projectDearerThanTheBudgetDoesNotFit() {
        Instance instance = Instance.of(10, List.of(Project.of("x", 11), Project.of("y", 10)));
        Outcome outcome = knapsack.allocate(new Election(instance, Profile.of(ApprovalBallot.of("x", "y"))));
        assertEquals(List.of("y"), outcome.selected());
        assertEquals(new Decision.DoesNotFit(11, 10), outcome.result("x").orElseThrow().decision());
    }

    @Test
    void respectsCategoryCap() {
        Instance instance = Instance.of(300, List.of(
                        Project.of("g1", "green 1", 100, "green"), Project.of("g2", "green 2", 100, "green"),
                        Project.of("s1", "sport 1", 100, "sport")))
                .withCategoryCaps(Map.of("green", 100L));
        Profile profile = new Profile(List.of(ApprovalBallot.of("g1", "g2"), ApprovalBallot.of("g1", "g2"),
                ApprovalBallot.of("g2", "s1")));
        Outcome outcome = knapsack.allocate(new Election(instance, profile));
        assertEquals(Set.of("g2", "s1"), new HashSet<>(outcome.selected()));
    }

    @Test
    void fundsAtMostOneOfIncompatibleProjects() {
        Instance instance = Instance.of(300, List.of(Project.of("plan-a", 100), Project.of("plan-b", 100),
                Project.of("other", 100))).withIncompatibleGroups(List.of(Set.of("plan-a", "plan-b")));
        Profile profile = new Profile(List.of(ApprovalBallot.of("plan-a", "plan-b"), ApprovalBallot.of("plan-b"),
                ApprovalBallot.of("other")));
        Outcome outcome = knapsack.allocate(new Election(instance, profile));
        assertEquals(Set.of("plan-b", "other"), new HashSet<>(outcome.selected()));
    }

    /** Random small instances, with and without caps and incompatible groups, against exhaustive search. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void matchesBruteForceOnRandomInstances(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 25; round++) {
            int m = 1 + random.nextInt(12);
            List<Project> projects = new ArrayList<>();
            for (int p = 0; p < m; p++) {
                String category = random.nextBoolean() ? "a" : "b";
                projects.add(Project.of("p" + p, "", 1 + random.nextInt(60), category));
            }
            long budget = random.nextInt(200);
            Instance instance = Instance.of(budget, projects);
            if (random.nextBoolean()) {
                instance = instance.withCategoryCaps(Map.of("a", (long) random.nextInt(120)));
            }
            if (m >= 3 && random.nextBoolean()) {
                instance = instance.withIncompatibleGroups(List.of(Set.of("p0", "p1", "p2")));
            }
            List<Ballot> ballots = new ArrayList<>();
            int voters = random.nextInt(15);
            for (int v = 0; v < voters; v++) {
                Set<String> approved = new LinkedHashSet<>();
                for (int p = 0; p < m; p++) {
                    if (random.nextInt(3) == 0) {
                        approved.add("p" + p);
                    }
                }
                ballots.add(ApprovalBallot.of(approved));
            }
            Election election = new Election(instance, new Profile(ballots));
            Outcome outcome = knapsack.allocate(election);
            long best = bruteForce(election);
            assertEquals(Long.toString(best), outcome.details().get("welfare"), "seed " + seed + " round " + round);
            assertFeasible(instance, outcome);
        }
    }

    private static void assertFeasible(Instance instance, Outcome outcome) {
        assertTrue(outcome.totalCost() <= instance.budget());
        Map<String, Long> spent = new HashMap<>();
        for (String id : outcome.selected()) {
            Project p = instance.project(id).orElseThrow();
            for (String c : p.categories()) {
                spent.merge(c, p.cost(), Long::sum);
            }
        }
        instance.categoryCaps().forEach((c, cap) -> assertTrue(spent.getOrDefault(c, 0L) <= cap, "cap of " + c));
        for (Set<String> group : instance.incompatibleGroups()) {
            assertTrue(outcome.selected().stream().filter(group::contains).count() <= 1, "incompatible group");
        }
    }

    private static long bruteForce(Election election) {
        Instance instance = election.instance();
        List<Project> projects = instance.projects();
        int m = projects.size();
        long[] support = new long[m];
        for (Ballot b : election.profile().ballots()) {
            for (int p = 0; p < m; p++) {
                support[p] += b.weight(projects.get(p).id());
            }
        }
        long best = 0;
        for (int mask = 0; mask < (1 << m); mask++) {
            long cost = 0;
            long value = 0;
            Map<String, Long> spent = new HashMap<>();
            List<String> chosen = new ArrayList<>();
            for (int p = 0; p < m; p++) {
                if ((mask & (1 << p)) != 0) {
                    cost += projects.get(p).cost();
                    value += support[p];
                    chosen.add(projects.get(p).id());
                    for (String c : projects.get(p).categories()) {
                        spent.merge(c, projects.get(p).cost(), Long::sum);
                    }
                }
            }
            boolean ok = cost <= instance.budget();
            for (Map.Entry<String, Long> cap : instance.categoryCaps().entrySet()) {
                ok &= spent.getOrDefault(cap.getKey(), 0L) <= cap.getValue();
            }
            for (Set<String> group : instance.incompatibleGroups()) {
                ok &= chosen.stream().filter(group::contains).count() <= 1;
            }
            if (ok) {
                best = Math.max(best, value);
            }
        }
        return best;
    }
}
