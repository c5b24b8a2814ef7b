package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.TieBreak;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;

class GreedyTest {

    /** a: 3 votes, cost 60; b: 2 votes, cost 50; c: 1 vote, cost 40. Budget 100. */
    private static Election threeProjects() {
        Instance instance = Instance.of(100, List.of(Project.of("a", 60), Project.of("b", 50), Project.of("c", 40)));
        return new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"), ApprovalBallot.of("a", "b"),
                ApprovalBallot.of("a", "c"))));
    }

    @Test
    void skipsAProjectThatNoLongerFitsAndTriesTheNext() {
        Outcome outcome = RuleName.GREEDY.create().allocate(threeProjects());
        assertEquals(List.of("a", "c"), outcome.selected());
        assertEquals(100, outcome.totalCost());
        assertEquals(new Decision.DoesNotFit(50, 40), outcome.result("b").orElseThrow().decision());
        assertEquals(new Decision.Funded(2, "greedy"), outcome.result("c").orElseThrow().decision());
    }

    @Test
    void noSkipStopsAtTheFirstProjectThatDoesNotFit() {
        Outcome outcome = RuleName.GREEDY.create(RuleOptions.defaults().withNoSkip(true)).allocate(threeProjects());
        assertEquals(List.of("a"), outcome.selected());
        assertEquals(new Decision.StoppedBefore("b", 40), outcome.result("c").orElseThrow().decision());
    }

    @Test
    void neverFundsAProjectBelowTheMinimumSupport() {
        Outcome outcome = RuleName.GREEDY.create(RuleOptions.defaults().withMinSupport(2)).allocate(threeProjects());
        assertEquals(List.of("a"), outcome.selected());
        assertEquals(new Decision.BelowThreshold(1, 2), outcome.result("c").orElseThrow().decision());
    }

    @Test
    void neverFundsAProjectThatWasNotAdmitted() {
        Election e = threeProjects();
        Instance refused = e.instance().withProjects(List.of(
                Project.of("a", 60).withEligibility(Eligibility.notAdmitted("not on municipal land")),
                Project.of("b", 50), Project.of("c", 40)));
        Outcome outcome = RuleName.GREEDY.create().allocate(new Election(refused, e.profile()));
        assertEquals(List.of("b", "c"), outcome.selected());
        assertEquals(new Decision.NotEligible("not on municipal land"), outcome.result("a").orElseThrow().decision());
    }

    @Test
    void recordsTheTieThatDecidedWhichEqualProjectWasFunded() {
        Instance instance = Instance.of(50, List.of(Project.of("9", 50), Project.of("10", 50)));
        Election election = new Election(instance, Profile.of(ApprovalBallot.of("9", "10")));
        Outcome byId = RuleName.GREEDY.create(RuleOptions.withTieBreaking(new TieBreaking.ById(false))).allocate(election);
        assertEquals(List.of("10"), byId.selected(), "'10' comes before '9' as a string");
        assertEquals(List.of(new TieBreak("greedy", List.of("10", "9"), "10", "id")), byId.ties());
        Outcome listed = RuleName.GREEDY.create().allocate(election);
        assertEquals(List.of("9"), listed.selected(), "default: equal support and cost, so listed order");
        assertEquals("default", listed.tieBreaking());
    }

    @Test
    void defaultTieBreakingPrefersTheCheaperProject() {
        Instance instance = Instance.of(100, List.of(Project.of("dear", 80), Project.of("cheap", 70)));
        Election election = new Election(instance, Profile.of(ApprovalBallot.of("dear", "cheap")));
        assertEquals(List.of("cheap"), RuleName.GREEDY.create().allocate(election).selected());
    }

    @Test
    void countsPointsOfCumulativeBallots() {
        Instance instance = Instance.of(100, List.of(Project.of("a", 100), Project.of("b", 100)));
        Election election = new Election(instance, new Profile(List.of(
                CumulativeBallot.of(Map.of("a", 1L, "b", 4L)), CumulativeBallot.of(Map.of("a", 2L)))));
        Outcome outcome = RuleName.GREEDY.create().allocate(election);
        assertEquals(List.of("b"), outcome.selected());
        assertEquals(3, outcome.result("a").orElseThrow().support());
        assertEquals(4, outcome.result("b").orElseThrow().support());
    }

    @Test
    void categoryCapStopsAProjectAndGreedyGoesOn() {
        Instance instance = Instance.of(300, List.of(Project.of("g1", "", 100, "green"), Project.of("g2", "", 100, "green"),
                Project.of("s", "", 100, "sport"))).withCategoryCaps(Map.of("green", 150L));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("g1", "g2", "s"),
                ApprovalBallot.of("g1", "g2"))));
        Outcome outcome = RuleName.GREEDY.create().allocate(election);
        assertEquals(List.of("g1", "s"), outcome.selected());
        assertEquals(new Decision.ExceedsCategoryCap("green", 150, 100, 100), outcome.result("g2").orElseThrow().decision());
    }

    @Test
    void incompatibleProjectIsNotFundedAfterItsRival() {
        Instance instance = Instance.of(300, List.of(Project.of("a", 100), Project.of("b", 100)))
                .withIncompatibleGroups(List.of(Set.of("a", "b")));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"), ApprovalBallot.of("a"))));
        Outcome outcome = RuleName.GREEDY.create().allocate(election);
        assertEquals(List.of("a"), outcome.selected());
        assertEquals(new Decision.Incompatible("a"), outcome.result("b").orElseThrow().decision());
    }

    @Test
    void perCostOrdersBySupportPerEuroExactly() {
        // 2/3 > 3/5 although 3 > 2 votes: a (2 votes, 3) comes before b (3 votes, 5).
        Instance instance = Instance.of(5, List.of(Project.of("b", 5), Project.of("a", 3)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"), ApprovalBallot.of("a", "b"),
                ApprovalBallot.of("b"))));
        assertEquals(List.of("a"), RuleName.GREEDY_PER_COST.create().allocate(election).selected());
        assertEquals(List.of("b"), RuleName.GREEDY.create().allocate(election).selected());
    }

    @Test
    void refusesOrdinalBallotsWithAClearMessage() {
        Instance instance = Instance.of(5, List.of(Project.of("a", 3)));
        Election election = new Election(instance, Profile.of(new OrdinalBallot("v1", List.of("a"), Map.of())));
        UnsupportedElectionException e = assertThrows(UnsupportedElectionException.class,
                () -> RuleName.GREEDY.create().allocate(election));
        assertEquals("the rule greedy does not count ordinal (ranked) ballots; convert them to approvals first", e.getMessage());
    }

    @Test
    void rejectsABallotForAnUnknownProject() {
        Instance instance = Instance.of(5, List.of(Project.of("a", 3)));
        Election election = new Election(instance, Profile.of(ApprovalBallot.of("zz")));
        assertThrows(IllegalArgumentException.class, () -> RuleName.GREEDY.create().allocate(election));
    }
}
