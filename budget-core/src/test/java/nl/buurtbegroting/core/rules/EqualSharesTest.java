package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;

/** The Method of Equal Shares on small elections worked out by hand, with exact prices and payments. */
class EqualSharesTest {

    private static Outcome mes(Election election) {
        return RuleName.MES.create(RuleOptions.withTieBreaking(new TieBreaking.ById(false))).allocate(election);
    }

    private static ProjectResult result(Outcome outcome, String id) {
        return outcome.result(id).orElseThrow();
    }

    /**
     * Budget 100, four voters with 25 each. a (60) by v1, v2, v3; b (40) by v4; c (30) by v1 and v4.
     * Round 1: a costs its supporters 20 each (rho 1/3), c 15 each (rho 1/2), b is out of v4's reach.
     * Round 2: v1 has 5 left and pays it all for c, v4 pays the other 25 (rho 25/30 = 5/6).
     */
    private static Election fourVoters() {
        Instance instance = Instance.of(100, List.of(Project.of("a", 60), Project.of("b", 40), Project.of("c", 30)));
        return new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "c"), ApprovalBallot.of("a"),
                ApprovalBallot.of("a"), ApprovalBallot.of("b", "c"))));
    }

    @Test
    void buysTheLowestPricePerUnitOfUtilityFirstAndSplitsItsCostEqually() {
        Outcome outcome = mes(fourVoters());
        assertEquals(List.of("a", "c"), outcome.selected());
        assertEquals(90, outcome.totalCost());
        Map<String, String> a = result(outcome, "a").details();
        assertEquals("1/3", a.get("rho"));
        assertEquals("20", a.get("share"));
        assertEquals("3", a.get("payers"));
        assertEquals("3", a.get("paidFullShare"));
        assertEquals("3x20", a.get("payments"));
        assertEquals(new Decision.Funded(1, "mes"), result(outcome, "a").decision());
    }

    @Test
    void aSupporterWhoCannotPayTheShareGivesAllSheHasAndTheOthersPayMore() {
        Map<String, String> c = result(mes(fourVoters()), "c").details();
        assertEquals("5/6", c.get("rho"));
        assertEquals("25", c.get("share"));
        assertEquals("2", c.get("payers"));
        assertEquals("1", c.get("paidFullShare"));
        assertEquals("1", c.get("paidAllTheyHad"));
        assertEquals("5", c.get("minPayment"));
        assertEquals("25", c.get("maxPayment"));
        assertEquals("1x5;1x25", c.get("payments"));
    }

    @Test
    void saysWhatTheSupportersOfAnUnaffordableProjectHeldAndWhereTheirMoneyWent() {
        ProjectResult b = result(mes(fourVoters()), "b");
        assertEquals(new Decision.NotAffordable("0", "40", "c"), b.decision());
        assertEquals("c:25", b.details().get("spentOn"));
    }

    @Test
    void keepsFractionsOfMoneyExact() {
        // three voters with 100/3 each; x (50) costs 50/3 each, leaving 50/3; y (40) needs more than v1 and v2 hold
        Instance instance = Instance.of(100, List.of(Project.of("x", 50), Project.of("y", 40)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("x", "y"),
                ApprovalBallot.of("x", "y"), ApprovalBallot.of("x"))));
        Outcome outcome = mes(election);
        assertEquals(List.of("x"), outcome.selected());
        assertEquals("1/3", result(outcome, "x").details().get("rho"));
        assertEquals("50/3", result(outcome, "x").details().get("share"));
        assertEquals(new Decision.NotAffordable("100/3", "20/3", "x"), result(outcome, "y").decision());
        assertEquals("100/3", outcome.details().get("startShare"));
    }

    @Test
    void countsEmptyBallotsAsVotersWithAShareOfTheBudget() {
        // with the empty ballot each voter has 20, so the two supporters of p (50) cannot pay it
        Instance instance = Instance.of(60, List.of(Project.of("p", 50)));
        Election withEmpty = new Election(instance, new Profile(List.of(ApprovalBallot.of("p"), ApprovalBallot.of("p"),
                ApprovalBallot.of())));
        assertEquals(List.of(), mes(withEmpty).selected());
        Election without = new Election(instance, new Profile(List.of(ApprovalBallot.of("p"), ApprovalBallot.of("p"))));
        assertEquals(List.of("p"), mes(without).selected());
    }

    @Test
    void neverBuysAProjectNobodySupports() {
        Instance instance = Instance.of(100, List.of(Project.of("a", 10), Project.of("free", 0), Project.of("z", 5)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a"), ApprovalBallot.of("free"))));
        Outcome outcome = mes(election);
        assertEquals(Set.of("a", "free"), Set.copyOf(outcome.selected()));
        assertEquals(new Decision.NoSupport(), result(outcome, "z").decision());
        assertEquals("0", result(outcome, "free").details().get("rho"));
    }

    @Test
    void usesPointsAsUtilitiesOnCumulativeBallots() {
        // B = 60, two voters with 30. v1: a 2, b 1; v2: a 1, c 3. Costs a 30, b 20, c 25.
        // c first (rho 25/3: v2 pays 25), then a (v2 pays her last 5, v1 pays 25: rho 25/2); b is then out of reach.
        Instance instance = Instance.of(60, List.of(Project.of("a", 30), Project.of("b", 20), Project.of("c", 25)))
                .withBallotRules(BallotRules.of(VoteType.CUMULATIVE));
        Map<String, Long> v1 = new LinkedHashMap<>();
        v1.put("a", 2L);
        v1.put("b", 1L);
        Map<String, Long> v2 = new LinkedHashMap<>();
        v2.put("a", 1L);
        v2.put("c", 3L);
        Election election = new Election(instance, new Profile(List.of(CumulativeBallot.of(v1), CumulativeBallot.of(v2))));
        Outcome outcome = mes(election);
        assertEquals(List.of("c", "a"), outcome.selected());
        assertEquals("25/3", result(outcome, "c").details().get("rho"));
        assertEquals("25/2", result(outcome, "a").details().get("rho"));
        assertEquals("1x5;1x25", result(outcome, "a").details().get("payments"));
        assertEquals(new Decision.NotAffordable("5", "15", "a"), result(outcome, "b").decision());
    }

    @Test
    void breaksAnExactTieByThePolicyAndRecordsIt() {
        Instance instance = Instance.of(20, List.of(Project.of("x", 10), Project.of("y", 10)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("x"), ApprovalBallot.of("y"))));
        Outcome byId = mes(election);
        assertEquals(List.of("x", "y"), byId.selected());
        assertEquals(1, byId.ties().size());
        assertEquals("x", byId.ties().get(0).winner());
        Outcome desc = RuleName.MES.create(RuleOptions.withTieBreaking(new TieBreaking.ById(true))).allocate(election);
        assertEquals(List.of("y", "x"), desc.selected());
    }

    @Test
    void leavesOutAProjectThatWouldBreakACategoryCapAndLetsItsSupportersSpendElsewhere() {
        // green is capped at 50. g1 (40) is bought first (rho 1/3); g2 (20, rho 1/2) would take green to 60, so
        // it is left out and its supporters v1 and v2 buy h (15, rho 1/2) instead
        Instance instance = new Instance("", 100, List.of(Project.of("g1", "", 40, "green"), Project.of("g2", "", 20, "green"),
                Project.of("h", "", 15, "social"), Project.of("s", "", 30, "social")), Map.of("green", 50L), List.of(),
                BallotRules.of(VoteType.APPROVAL), Map.of());
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("g1", "g2", "h"),
                ApprovalBallot.of("g1", "g2", "h"), ApprovalBallot.of("g1"), ApprovalBallot.of("s"))));
        Outcome outcome = mes(election);
        assertEquals(List.of("g1", "h"), outcome.selected());
        assertEquals(new Decision.ExceedsCategoryCap("green", 50, 40, 20), result(outcome, "g2").decision());
    }

    @Test
    void fundsAtMostOneOfAGroupOfIncompatibleProjects() {
        // a (rho 1/3) and c exclude each other: a is bought first, so c is left out when its turn comes
        Instance instance = fourVoters().instance().withIncompatibleGroups(List.of(Set.of("a", "c")));
        Outcome outcome = mes(new Election(instance, fourVoters().profile()));
        assertEquals(List.of("a"), outcome.selected());
        assertEquals(new Decision.Incompatible("a"), result(outcome, "c").decision());
    }

    @Test
    void neverFundsAProjectBelowTheMinimumSupportButStillSplitsTheBudgetOverAllVoters() {
        Outcome outcome = RuleName.MES.create(RuleOptions.withTieBreaking(new TieBreaking.ById(false)).withMinSupport(3))
                .allocate(fourVoters());
        assertEquals(List.of("a"), outcome.selected());
        assertEquals(new Decision.BelowThreshold(2, 3), result(outcome, "c").decision());
        assertEquals("25", outcome.details().get("startShare"));
    }

    @Test
    void greedyCompletionFillsWhatMesLeaves() {
        Outcome outcome = RuleName.MES.create(RuleOptions.withTieBreaking(new TieBreaking.ById(false))
                .withMesCompletion(MesCompletion.GREEDY)).allocate(fourVoters());
        // MES buys a and c (90); 10 is left, b (40) does not fit
        assertEquals(List.of("a", "c"), outcome.selected());
        assertEquals("DOES_NOT_FIT", result(outcome, "b").decision().code());
        assertEquals("NOT_AFFORDABLE", result(outcome, "b").details().get("mesDecision"));
    }
}
