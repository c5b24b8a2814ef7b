package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;

/**
 * Properties of Equal Shares and Phragmén on random small elections (seeded, so every run checks the same
 * elections): MES satisfies EJR up to one project (checked by brute force over all sets of projects), every
 * outcome stays within the budget and the category caps, a greedy completion leaves nothing unfunded that
 * still fits, payments add up to the cost exactly, and skipping shares in the add-one search changes nothing.
 */
class MesPropertyTest {

    private static final int ELECTIONS = 400;

    private static Election randomApproval(SplittableRandom r, boolean caps) {
        int m = 2 + r.nextInt(6);
        int n = 2 + r.nextInt(9);
        List<Project> projects = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            long cost = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(20);
            projects.add(Project.of("p" + j, "", cost, r.nextBoolean() ? "green" : "social"));
        }
        long budget = 5 + r.nextInt(50);
        Map<String, Long> capMap = caps ? Map.of("green", (long) r.nextInt((int) budget + 1)) : Map.of();
        List<Ballot> ballots = new ArrayList<>();
        double density = 0.2 + 0.5 * r.nextDouble();
        for (int i = 0; i < n; i++) {
            Set<String> chosen = new HashSet<>();
            for (Project p : projects) {
                if (r.nextDouble() < density) {
                    chosen.add(p.id());
                }
            }
            ballots.add(ApprovalBallot.of(chosen));
        }
        Instance instance = new Instance("", budget, projects, capMap, List.of(), BallotRules.of(VoteType.APPROVAL), Map.of());
        return new Election(instance, new Profile(ballots));
    }

    private static Election randomCumulative(SplittableRandom r) {
        int m = 2 + r.nextInt(5);
        int n = 2 + r.nextInt(7);
        List<Project> projects = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            projects.add(Project.of("p" + j, 1 + r.nextInt(30)));
        }
        List<Ballot> ballots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Long> points = new LinkedHashMap<>();
            for (Project p : projects) {
                if (r.nextInt(3) == 0) {
                    points.put(p.id(), 1L + r.nextInt(5));
                }
            }
            ballots.add(CumulativeBallot.of(points));
        }
        Instance instance = Instance.of(5 + r.nextInt(60), projects).withBallotRules(BallotRules.of(VoteType.CUMULATIVE));
        return new Election(instance, new Profile(ballots));
    }

    private static Outcome run(RuleName rule, RuleOptions options, Election election) {
        return rule.create(options).allocate(election);
    }

    private static final RuleOptions BY_ID = RuleOptions.withTieBreaking(new TieBreaking.ById(false));

    @Test
    void mesSatisfiesEjrUpToOneProject() {
        SplittableRandom r = new SplittableRandom(20240501);
        for (int k = 0; k < ELECTIONS; k++) {
            Election election = randomApproval(r, false);
            Outcome outcome = run(RuleName.MES, k % 2 == 0 ? BY_ID : RuleOptions.defaults(), election);
            assertEjrUpToOne(election, outcome, "election " + k);
        }
    }

    @Test
    void everyOutcomeStaysWithinTheBudgetAndTheCategoryCaps() {
        SplittableRandom r = new SplittableRandom(7);
        List<RuleOptions> mesVariants = List.of(BY_ID, BY_ID.withMesCompletion(MesCompletion.GREEDY),
                BY_ID.withMesCompletion(MesCompletion.ADD1), BY_ID.withRaisePastExhaustive(true));
        for (int k = 0; k < ELECTIONS; k++) {
            Election election = randomApproval(r, true);
            List<Outcome> outcomes = new ArrayList<>();
            for (RuleOptions o : mesVariants) {
                outcomes.add(run(RuleName.MES, o, election));
                outcomes.add(run(RuleName.MES_ADD1, o, election));
            }
            outcomes.add(run(RuleName.PHRAGMEN, BY_ID, election));
            for (Outcome outcome : outcomes) {
                assertTrue(outcome.totalCost() <= election.instance().budget(), outcome.rule() + " over budget in " + k);
                for (Map.Entry<String, Long> cap : election.instance().categoryCaps().entrySet()) {
                    long spent = outcome.projects().stream().filter(ProjectResult::selected)
                            .filter(p -> p.project().categories().contains(cap.getKey())).mapToLong(p -> p.project().cost()).sum();
                    assertTrue(spent <= cap.getValue(), outcome.rule() + " over the cap of " + cap.getKey() + " in " + k);
                }
            }
        }
    }

    @Test
    void aGreedyCompletionLeavesNothingUnfundedThatStillFits() {
        SplittableRandom r = new SplittableRandom(99);
        for (int k = 0; k < ELECTIONS; k++) {
            Election election = k % 3 == 0 ? randomCumulative(r) : randomApproval(r, false);
            for (Outcome outcome : List.of(run(RuleName.MES_ADD1, BY_ID, election),
                    run(RuleName.MES, BY_ID.withMesCompletion(MesCompletion.GREEDY), election))) {
                for (ProjectResult p : outcome.projects()) {
                    if (!p.selected()) {
                        assertTrue(p.project().cost() > outcome.remaining(), outcome.rule() + ": " + p.id()
                                + " still fits in election " + k);
                    }
                }
            }
        }
    }

    @Test
    void supportersPayExactlyTheCostOfEveryProjectMesBuys() {
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < ELECTIONS; k++) {
            Election election = k % 2 == 0 ? randomCumulative(r) : randomApproval(r, false);
            Outcome outcome = run(RuleName.MES, BY_ID, election);
            for (ProjectResult p : outcome.projects()) {
                String payments = p.details().get("payments");
                if (p.selected() && payments != null) {
                    Rational total = Rational.ZERO;
                    if (!payments.isEmpty()) {
                        for (String part : payments.split(";")) {
                            String[] x = part.split("x");
                            total = total.add(Rational.parse(x[1]).multiply(Long.parseLong(x[0])));
                        }
                    }
                    assertEquals(Rational.of(p.project().cost()), total, p.id() + " in election " + k);
                }
            }
        }
    }

    @Test
    void skippingSharesInTheAddOneSearchChangesNothing() {
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < ELECTIONS; k++) {
            Election election = k % 3 == 0 ? randomCumulative(r) : randomApproval(r, k % 3 == 1);
            EqualSharesAdd1Test.assertSkippingIsSound(election, k % 2 == 0);
        }
    }

    @Test
    void theFloatingPointFilterOnlyEverReportsTheExactOutcome() {
        SplittableRandom r = new SplittableRandom(5);
        int proven = 0;
        for (int k = 0; k < ELECTIONS; k++) {
            Election election = k % 3 == 0 ? randomCumulative(r) : randomApproval(r, k % 3 == 1);
            CompiledElection e = CompiledElection.of(election, new TieBreaking.ById(false), RuleName.MES_ADD1);
            boolean[] supported = new boolean[e.projectCount];
            for (int p = 0; p < e.projectCount; p++) {
                supported[p] = e.support[p] > 0;
            }
            EqualSharesEngine engine = new EqualSharesEngine(e, supported);
            IntervalEqualShares filter = engine.intervals();
            long first = e.budget / e.voters;
            for (long share = first; share < first + 40; share++) {
                int[] fast = filter.run(share);
                if (fast != null) {
                    proven++;
                    assertEquals(java.util.Arrays.toString(engine.runParametric(share, false).selected),
                            java.util.Arrays.toString(fast), "election " + k + ", share " + share);
                }
            }
        }
        assertTrue(proven > ELECTIONS * 20, "the filter proves most runs: " + proven);
    }

    /**
     * EJR up to one (Peters, Pierczyński and Skowron 2021) with cost utilities: for every set T of projects and
     * every group S of voters who all approve T with |S| * B >= cost(T) * n, some voter in S has utility at
     * least cost(T), or would exceed it with one more unfunded project. It suffices to check, for each T, the
     * group of voters in S that violate it.
     */
    static void assertEjrUpToOne(Election election, Outcome outcome, String label) {
        List<Project> projects = election.instance().projects();
        int m = projects.size();
        Set<String> funded = new HashSet<>(outcome.selected());
        long n = election.profile().size();
        long budget = election.instance().budget();
        Map<Ballot, Long> utility = new HashMap<>();
        for (Ballot b : election.profile().ballots()) {
            long u = 0;
            for (String id : b.supported()) {
                if (funded.contains(id)) {
                    u += election.instance().project(id).orElseThrow().cost();
                }
            }
            utility.put(b, u);
        }
        for (int mask = 1; mask < (1 << m); mask++) {
            long costT = 0;
            List<String> t = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if ((mask & (1 << j)) != 0) {
                    costT += projects.get(j).cost();
                    t.add(projects.get(j).id());
                }
            }
            long violators = 0;
            for (Ballot b : election.profile().ballots()) {
                if (!b.supported().containsAll(t)) {
                    continue;
                }
                long u = utility.get(b);
                boolean satisfied = u >= costT;
                for (Project c : projects) {
                    if (!satisfied && !funded.contains(c.id()) && b.supported().contains(c.id()) && u + c.cost() > costT) {
                        satisfied = true;
                    }
                }
                if (!satisfied) {
                    violators++;
                }
            }
            if (violators > 0 && violators * budget >= costT * n) {
                fail(label + ": " + violators + " voters approving " + t + " (cost " + costT + ") get too little from "
                        + outcome.selected());
            }
        }
    }
}
