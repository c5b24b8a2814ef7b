package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;

class SequentialPhragmenTest {

    private static Outcome phragmen(Election election) {
        return RuleName.PHRAGMEN.create(RuleOptions.withTieBreaking(new TieBreaking.ById(false))).allocate(election);
    }

    /**
     * Budget 10. a (4) by v1, v2; b (3) by v3; c (5) by v1. Round 1: a 4/2 = 2, b 3, c 5: a, loads 2.
     * Round 2: b 3, c (2 + 5)/1 = 7: b. Round 3: c would bring 7 + 5 = 12 over the budget: stop.
     */
    @Test
    void fundsTheLowestLoadFirstAndStopsAtTheFirstProjectThatDoesNotFit() {
        Instance instance = Instance.of(10, List.of(Project.of("a", 4), Project.of("b", 3), Project.of("c", 5),
                Project.of("d", 1)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "c"), ApprovalBallot.of("a"),
                ApprovalBallot.of("b"), ApprovalBallot.of("d", "c"))));
        // d (1) by v4 who also approves c: d's load 1 comes first; then c = (2 + 1 + 5) / 2 = 4
        Outcome outcome = phragmen(election);
        assertEquals(List.of("d", "a", "b"), outcome.selected());
        assertEquals("1", outcome.result("d").orElseThrow().details().get("load"));
        assertEquals("2", outcome.result("a").orElseThrow().details().get("load"));
        assertEquals(new Decision.DoesNotFit(5, 2), outcome.result("c").orElseThrow().decision());
        assertEquals("4", outcome.result("c").orElseThrow().details().get("load"));
    }

    @Test
    void doesNotSkipToACheaperProjectAfterStopping() {
        Instance instance = Instance.of(10, List.of(Project.of("big", 8), Project.of("mid", 6), Project.of("tiny", 1)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("big"), ApprovalBallot.of("big"),
                ApprovalBallot.of("big"), ApprovalBallot.of("big"), ApprovalBallot.of("mid"), ApprovalBallot.of("mid"),
                ApprovalBallot.of("tiny"))));
        // big 8/4 = 2, tiny 1, mid 3: tiny, big; then mid (3) does not fit in 1: stop
        Outcome outcome = phragmen(election);
        assertEquals(List.of("tiny", "big"), outcome.selected());
        assertEquals(new Decision.DoesNotFit(6, 1), outcome.result("mid").orElseThrow().decision());
    }

    @Test
    void leavesOutProjectsCostingMoreThanTheBudgetFromTheStart() {
        Instance instance = Instance.of(10, List.of(Project.of("huge", 11), Project.of("ok", 5)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("huge"), ApprovalBallot.of("huge"),
                ApprovalBallot.of("ok"))));
        Outcome outcome = phragmen(election);
        assertEquals(List.of("ok"), outcome.selected());
        assertEquals(new Decision.DoesNotFit(11, 10), outcome.result("huge").orElseThrow().decision());
    }

    @Test
    void stopsWhenAProjectTiedWithTheWinnerDoesNotFit() {
        // Budget 10. x (3) by three voters: load 1, funded; 7 left. Then u (2, one voter) and y (8, four voters)
        // both come to load 2: u would win the tie and fits, but y, tied with it, does not fit: the rule stops.
        Instance instance = Instance.of(10, List.of(Project.of("u", 2), Project.of("x", 3), Project.of("y", 8)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("x"), ApprovalBallot.of("x"),
                ApprovalBallot.of("x"), ApprovalBallot.of("u"), ApprovalBallot.of("y"), ApprovalBallot.of("y"),
                ApprovalBallot.of("y"), ApprovalBallot.of("y"))));
        Outcome outcome = phragmen(election);
        assertEquals(List.of("x"), outcome.selected());
        assertEquals(new Decision.DoesNotFit(8, 7), outcome.result("y").orElseThrow().decision());
        assertEquals(new Decision.StoppedBefore("y", 7), outcome.result("u").orElseThrow().decision());
    }

    @Test
    void refusesPointsBallotsWithAClearMessage() {
        Instance instance = Instance.of(10, List.of(Project.of("a", 4))).withBallotRules(BallotRules.of(VoteType.CUMULATIVE));
        Election election = new Election(instance, new Profile(List.of(CumulativeBallot.of(Map.of("a", 3L)))));
        UnsupportedElectionException error = assertThrows(UnsupportedElectionException.class, () -> phragmen(election));
        assertTrue(error.getMessage().contains("approvals only"), error.getMessage());
    }
}
