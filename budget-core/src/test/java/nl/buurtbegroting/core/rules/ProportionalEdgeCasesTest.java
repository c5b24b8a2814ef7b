package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Outcome;
import org.junit.jupiter.api.Test;

/** Equal Shares and Phragmén on degenerate elections: every project still gets a decision, nothing breaks. */
class ProportionalEdgeCasesTest {

    private static final List<RuleName> RULES = List.of(RuleName.MES, RuleName.MES_ADD1, RuleName.PHRAGMEN);

    private static void allRulesDecideEveryProject(Election election) {
        for (RuleName rule : RULES) {
            Outcome outcome = rule.create().allocate(election);
            assertEquals(election.instance().projects().size(), outcome.projects().size(), rule.label());
            assertTrue(outcome.totalCost() <= election.instance().budget(), rule.label());
        }
    }

    @Test
    void noVotersAtAll() {
        allRulesDecideEveryProject(new Election(Instance.of(100, List.of(Project.of("a", 10))), new Profile(List.of())));
    }

    @Test
    void onlyEmptyBallots() {
        allRulesDecideEveryProject(new Election(Instance.of(100, List.of(Project.of("a", 10), Project.of("b", 0))),
                new Profile(List.of(ApprovalBallot.of(), ApprovalBallot.of()))));
    }

    @Test
    void aBudgetOfZero() {
        allRulesDecideEveryProject(new Election(Instance.of(0, List.of(Project.of("a", 10), Project.of("free", 0))),
                new Profile(List.of(ApprovalBallot.of("a", "free"), ApprovalBallot.of("a")))));
    }

    @Test
    void aBudgetSmallerThanTheNumberOfVoters() {
        // floor(B/n) = 0: the add-one completion starts from nothing
        Election election = new Election(Instance.of(2, List.of(Project.of("a", 1), Project.of("b", 2))),
                new Profile(List.of(ApprovalBallot.of("a"), ApprovalBallot.of("a"), ApprovalBallot.of("b"))));
        allRulesDecideEveryProject(election);
        Outcome outcome = RuleName.MES_ADD1.create().allocate(election);
        assertEquals("0", outcome.details().get("firstShare"));
    }

    @Test
    void projectsNobodySupports() {
        allRulesDecideEveryProject(new Election(Instance.of(50, List.of(Project.of("a", 10), Project.of("b", 20))),
                new Profile(List.of(ApprovalBallot.of("a")))));
    }
}
