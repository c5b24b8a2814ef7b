package nl.buurtbegroting.service.ballot;

import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.BallotSettings;
import nl.buurtbegroting.service.election.Category;
import nl.buurtbegroting.service.election.ElectionRequest;
import nl.buurtbegroting.service.election.TieBreakingSettings;
import nl.buurtbegroting.service.election.VoterSettings;
import nl.buurtbegroting.service.proposal.ProposalRow;
import nl.buurtbegroting.service.proposal.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Voting, tally and the Pabulib export see the same election; where they differ, it is on purpose. */
class ElectionInstanceTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private static ElectionRequest election(BallotSettings ballot) {
        return new ElectionRequest("Buurtbudget Zuid", "Assen-Zuid", 100_000L, "EUR",
                List.of(new Category("groen", 40_000L), new Category("jongeren", null)), ballot, "greedy",
                TieBreakingSettings.byId(), VoterSettings.everyone(), T, Instant.parse("2026-03-15T00:00:00Z"),
                List.of(List.of("1", "2"), List.of("2", "missing")));
    }

    private static ProposalRow proposal(String code, long cost, String category, Verdict verdict, String reason) {
        return new ProposalRow(null, 1, code, "Plan " + code, code.equals("1") ? "Bomen in de straat" : "",
                cost, category, verdict, reason, T, T, 1);
    }

    private static final List<ProposalRow> PROPOSALS = List.of(
            proposal("2", 30_000, "groen", Verdict.ELIGIBLE, null),
            proposal("1", 20_000, null, Verdict.ELIGIBLE, null),
            proposal("3", 10_000, "jongeren", Verdict.PENDING, null),
            proposal("4", 50_000, null, Verdict.INELIGIBLE, "Niet op openbare grond"));

    @Test
    void aKnapsackCostLimitReachesTheValidatorAndTheExportAlike() {
        ElectionRequest limited = election(new BallotSettings(BallotFormat.KNAPSACK, null, 3, null, 50_000L));
        for (Instance i : List.of(ElectionInstance.of(limited, PROPOSALS), ElectionInstance.forPabulib(limited, PROPOSALS))) {
            assertEquals(new BallotRules(VoteType.APPROVAL, null, 3, null, 50_000L, null, null, null, null), i.ballotRules());
        }
        ElectionRequest budget = election(new BallotSettings(BallotFormat.KNAPSACK, null, null, null, null));
        assertEquals(100_000L, ElectionInstance.of(budget, PROPOSALS).ballotRules().maxSumCost(), "the budget when absent");
        assertEquals(100_000L, ElectionInstance.forPabulib(budget, PROPOSALS).ballotRules().maxSumCost());
    }

    @Test
    void aCostLimitStoredOnAnotherFormatIsIgnoredByVotingAndExportAlike() {
        // The API refuses it now (COST_LIMIT_NEEDS_KNAPSACK); a row stored before must not count one way and export another.
        for (BallotSettings ballot : List.of(new BallotSettings(BallotFormat.APPROVAL, 1, 5, null, 50_000L),
                new BallotSettings(BallotFormat.CUMULATIVE, null, null, 10L, 50_000L))) {
            ElectionRequest e = election(ballot);
            assertNull(ElectionInstance.of(e, PROPOSALS).ballotRules().maxSumCost(), ballot::toString);
            assertEquals(ElectionInstance.of(e, PROPOSALS).ballotRules(), ElectionInstance.forPabulib(e, PROPOSALS).ballotRules());
        }
    }

    @Test
    void theExportAdmitsPendingProposalsAndAddsWhatTheFileFormatCarries() {
        ElectionRequest e = election(BallotSettings.approval());
        Instance counted = ElectionInstance.of(e, PROPOSALS);
        Instance exported = ElectionInstance.forPabulib(e, PROPOSALS);

        assertEquals(List.of("2", "1", "3", "4"), counted.projects().stream().map(Project::id).toList(), "the order they were added");
        assertEquals(List.of(true, true, false, false), counted.projects().stream().map(Project::admitted).toList());
        assertEquals("not admitted", counted.projects().get(2).eligibility().reason());
        assertEquals("Niet op openbare grond", counted.projects().get(3).eligibility().reason());
        assertEquals(List.of(true, true, true, false), exported.projects().stream().map(Project::admitted).toList(),
                "Pabulib has no 'not yet assessed'");

        assertEquals(Map.of("groen", 40_000L), counted.categoryCaps());
        assertEquals(counted.categoryCaps(), exported.categoryCaps());
        assertEquals(List.of(Set.of("1", "2")), counted.incompatibleGroups(), "a group keeps only proposals that exist");
        assertEquals(counted.incompatibleGroups(), exported.incompatibleGroups());
        assertEquals(List.of(List.of("groen"), List.of(), List.of("jongeren"), List.of()),
                counted.projects().stream().map(Project::categories).toList());

        assertEquals(Map.of("currency", "EUR"), counted.meta());
        assertEquals(List.of("description", "unit", "currency", "rule", "date_begin", "date_end"), List.copyOf(exported.meta().keySet()));
        assertEquals("14.03.2026", exported.meta().get("date_end"), "the last day voting was open");
        assertTrue(counted.projects().get(1).attributes().isEmpty());
        assertEquals(Map.of("description", "Bomen in de straat"), exported.projects().get(1).attributes());
        assertFalse(exported.projects().get(0).attributes().containsKey("description"), "a blank summary is left out");
    }
}
