package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DistrictBudgetsTest {

    private static Project in(String district, String id, long cost) {
        return new Project(id, "", cost, List.of(), List.of(), Eligibility.ADMITTED, Map.of("district", district));
    }

    private static ApprovalBallot voter(String district, String... ids) {
        return new ApprovalBallot("", Set.of(ids), district == null ? Map.of() : Map.of("district", district));
    }

    /** Noord: 100, projects n1 (60), n2 (50). Zuid: 50, projects z1 (50), z2 (40). */
    private static Election twoDistricts() {
        Instance instance = Instance.of(1_000, List.of(in("Noord", "n1", 60), in("Noord", "n2", 50),
                in("Zuid", "z1", 50), in("Zuid", "z2", 40)));
        return new Election(instance, new Profile(List.of(
                voter("Noord", "n1", "n2", "z2"), voter("Noord", "n1"), voter("Noord", "n2"),
                voter("Zuid", "z1", "n2"), voter("Zuid", "z2"), voter("Zuid", "z2"), voter(null, "z1"))));
    }

    private static final DistrictBudgets BUDGETS = budgets();

    private static DistrictBudgets budgets() {
        Map<String, Long> budgets = new LinkedHashMap<>();
        budgets.put("Noord", 100L);
        budgets.put("Zuid", 50L);
        return new DistrictBudgets(budgets, "district", "district");
    }

    @Test
    void eachDistrictSpendsOnlyItsOwnBudgetOnItsOwnProjects() {
        Outcome outcome = BUDGETS.allocate(RuleName.GREEDY.create(), twoDistricts());
        // Noord: n1 and n2 have two Noord votes each; the default tie-breaking takes the cheaper n2 first,
        // and n1 (60) no longer fits in the 50 left.
        assertEquals(List.of("n2", "z2"), outcome.selected());
        assertEquals(150, outcome.budget());
        assertEquals(90, outcome.totalCost());
        assertEquals(new Decision.DoesNotFit(60, 50), outcome.result("n1").orElseThrow().decision());
        assertEquals(new Decision.DoesNotFit(50, 10), outcome.result("z1").orElseThrow().decision());
        assertEquals("50", outcome.details().get("district.Noord.spent"));
        assertEquals("40", outcome.details().get("district.Zuid.spent"));
    }

    @Test
    void votesForAnotherDistrictsProjectsDoNotCount() {
        Outcome outcome = BUDGETS.allocate(RuleName.GREEDY.create(), twoDistricts());
        assertEquals(2, outcome.result("n2").orElseThrow().support(), "the Zuid voter's vote for n2 is not counted");
        assertEquals(2, outcome.result("z1").orElseThrow().support(), "a voter without a district counts where she voted");
    }

    @ParameterizedTest
    @EnumSource(RuleName.class)
    void everyRuleStaysWithinEachDistrictsBudget(RuleName rule) {
        Outcome outcome = BUDGETS.allocate(rule.create(), twoDistricts());
        long noord = outcome.selected().stream().filter(id -> id.startsWith("n")).mapToLong(id -> id.equals("n1") ? 60 : 50).sum();
        long zuid = outcome.selected().stream().filter(id -> id.startsWith("z")).mapToLong(id -> id.equals("z1") ? 50 : 40).sum();
        assertEquals(true, noord <= 100 && zuid <= 50, rule + ": " + outcome.selected());
        assertEquals(4, outcome.projects().size());
    }

    @Test
    void aProjectWithoutADistrictIsRefusedWithItsId() {
        Instance instance = Instance.of(100, List.of(in("Noord", "n1", 60), Project.of("x", 10)));
        Election election = new Election(instance, Profile.of(voter("Noord", "n1")));
        UnsupportedElectionException e = assertThrows(UnsupportedElectionException.class,
                () -> BUDGETS.allocate(RuleName.GREEDY.create(), election));
        assertEquals("project x has no district with a budget (district = null); districts: Noord, Zuid", e.getMessage());
    }
}
