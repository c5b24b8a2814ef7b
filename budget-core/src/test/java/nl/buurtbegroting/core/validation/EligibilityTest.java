package nl.buurtbegroting.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import org.junit.jupiter.api.Test;

class EligibilityTest {

    private final VoterEligibility rules = new VoterEligibility(16, Set.of("Centrum", "Noord"), "age", "neighborhood");

    @Test
    void admitsAVoterOfAgeInATakingPartDistrict() {
        assertTrue(rules.check(Map.of("age", "16", "neighborhood", "Noord")).eligible());
    }

    @Test
    void refusesAVoterBelowTheMinimumAge() {
        assertEquals("TOO_YOUNG", rules.check(Map.of("age", "15", "neighborhood", "Noord")).code());
    }

    @Test
    void refusesAVoterWhoseAgeIsUnknownOrNotANumber() {
        assertEquals("AGE_UNKNOWN", rules.check(Map.of("neighborhood", "Noord")).code());
        assertEquals("AGE_UNKNOWN", rules.check(Map.of("age", "old", "neighborhood", "Noord")).code());
    }

    @Test
    void refusesAVoterOutsideTheDistricts() {
        assertEquals("OUTSIDE_DISTRICT", rules.check(Map.of("age", "40", "neighborhood", "Zuid")).code());
        assertEquals("DISTRICT_UNKNOWN", rules.check(Map.of("age", "40")).code());
    }

    @Test
    void screeningCountsTheLeftOutBallotsPerReason() {
        Profile profile = new Profile(List.of(
                new ApprovalBallot("1", Set.of("a"), Map.of("age", "30", "neighborhood", "Centrum")),
                new ApprovalBallot("2", Set.of("a"), Map.of("age", "12", "neighborhood", "Centrum")),
                new ApprovalBallot("3", Set.of("a"), Map.of("age", "30", "neighborhood", "Zuid")),
                new ApprovalBallot("4", Set.of("a"), Map.of("age", "13", "neighborhood", "Noord"))));
        VoterEligibility.Screened screened = rules.screen(profile);
        assertEquals(1, screened.profile().size());
        assertEquals(Map.of("TOO_YOUNG", 2, "OUTSIDE_DISTRICT", 1), screened.excluded());
    }

    @Test
    void everyoneVotesWithoutConditions() {
        assertTrue(VoterEligibility.everyone().check(Map.of()).eligible());
    }

    @Test
    void proposalsOutsideTheCostRangeOrRefusedAreNotAdmitted() {
        Instance instance = Instance.of(1000, List.of(Project.of("small", 50), Project.of("ok", 500),
                Project.of("big", 900), Project.of("refused", 300)));
        ProposalEligibility check = new ProposalEligibility(100L, 800L, Map.of("refused", "not on municipal land"));
        Instance judged = check.apply(instance);
        assertEquals(Eligibility.notAdmitted("costs 50, below the minimum project cost of 100"),
                judged.project("small").orElseThrow().eligibility());
        assertTrue(judged.project("ok").orElseThrow().admitted());
        assertEquals(Eligibility.notAdmitted("costs 900, above the maximum project cost of 800"),
                judged.project("big").orElseThrow().eligibility());
        assertFalse(judged.project("refused").orElseThrow().admitted());
        assertEquals("not on municipal land", judged.project("refused").orElseThrow().eligibility().reason());
    }
}
