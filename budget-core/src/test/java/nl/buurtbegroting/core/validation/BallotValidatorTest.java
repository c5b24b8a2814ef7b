package nl.buurtbegroting.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BallotValidatorTest {

    private static final Set<ViolationCode> REACHED = EnumSet.noneOf(ViolationCode.class);

    private static Instance instance(BallotRules rules) {
        return Instance.of(1000, List.of(Project.of("a", 300), Project.of("b", 400), Project.of("c", 500),
                        Project.of("x", 100).withEligibility(Eligibility.notAdmitted("not on municipal land"))))
                .withBallotRules(rules);
    }

    static Stream<Arguments> violations() {
        BallotRules approval = BallotRules.approval(2, 3);
        BallotRules knapsack = new BallotRules(VoteType.APPROVAL, null, null, 500L, 800L, null, null, null, null);
        BallotRules points = new BallotRules(VoteType.CUMULATIVE, null, null, null, null, 1L, 5L, 3L, 10L);
        BallotRules one = BallotRules.of(VoteType.CHOOSE_ONE);
        return Stream.of(
                Arguments.of(approval, List.of("a", "zz"), null, ViolationCode.UNKNOWN_PROJECT, "projects[1]"),
                Arguments.of(approval, List.of("a", "a"), null, ViolationCode.DUPLICATE_PROJECT, "projects[1]"),
                Arguments.of(approval, List.of("a", "x"), null, ViolationCode.NOT_ELIGIBLE_PROJECT, "projects[1]"),
                Arguments.of(approval, List.of("a"), null, ViolationCode.TOO_FEW_PROJECTS, "projects"),
                Arguments.of(approval, List.of("a", "b", "c", "x"), null, ViolationCode.TOO_MANY_PROJECTS, "projects"),
                Arguments.of(one, List.of(), null, ViolationCode.TOO_FEW_PROJECTS, "projects"),
                Arguments.of(one, List.of("a", "b"), null, ViolationCode.TOO_MANY_PROJECTS, "projects"),
                Arguments.of(knapsack, List.of("b", "c"), null, ViolationCode.OVER_COST_LIMIT, "projects"),
                Arguments.of(knapsack, List.of("a"), null, ViolationCode.UNDER_COST_LIMIT, "projects"),
                Arguments.of(points, List.of("a", "b"), List.of(3L), ViolationCode.POINTS_MISMATCH, "points"),
                Arguments.of(points, List.of("a", "b"), null, ViolationCode.POINTS_MISMATCH, "points"),
                Arguments.of(approval, List.of("a", "b"), List.of(1L, 2L), ViolationCode.POINTS_NOT_ALLOWED, "points"),
                Arguments.of(points, List.of("a", "b"), List.of(0L, 4L), ViolationCode.POINTS_BELOW_MINIMUM, "points[0]"),
                Arguments.of(points, List.of("a", "b"), List.of(-2L, 5L), ViolationCode.POINTS_BELOW_MINIMUM, "points[0]"),
                Arguments.of(points, List.of("a", "b"), List.of(2L, 6L), ViolationCode.POINTS_ABOVE_MAXIMUM, "points[1]"),
                Arguments.of(points, List.of("a", "b", "c"), List.of(5L, 5L, 5L), ViolationCode.TOO_MANY_POINTS, "points"),
                Arguments.of(points, List.of("a"), List.of(2L), ViolationCode.TOO_FEW_POINTS, "points"));
    }

    @ParameterizedTest(name = "{3} at {4}")
    @MethodSource("violations")
    void reportsEachViolationWithItsField(BallotRules rules, List<String> projects, List<Long> points,
                                          ViolationCode expected, String field) {
        List<BallotViolation> found = new BallotValidator(instance(rules)).check(new BallotSubmission(projects, points));
        assertTrue(found.stream().anyMatch(v -> v.code() == expected && v.field().equals(field)),
                "expected " + expected + " at " + field + " in " + found);
        REACHED.add(expected);
    }

    @AfterAll
    static void everyCodeIsReachable() {
        assertEquals(EnumSet.allOf(ViolationCode.class), REACHED,
                "codes without a test: " + Arrays.stream(ViolationCode.values()).filter(c -> !REACHED.contains(c))
                        .map(Enum::name).collect(Collectors.joining(", ")));
    }

    @Test
    void aProjectWithZeroPointsIsNotAChosenProject() {
        BallotRules points = new BallotRules(VoteType.CUMULATIVE, 2, null, null, null, null, 5L, null, 10L);
        BallotValidator validator = new BallotValidator(instance(points));
        List<BallotViolation> found = validator.check(BallotSubmission.cumulative(List.of("a", "b"), List.of(3L, 0L)));
        assertEquals(List.of(ViolationCode.TOO_FEW_PROJECTS), found.stream().map(BallotViolation::code).toList());
        assertEquals("choose at least 2 projects, not 1", found.get(0).message());
        assertEquals(List.of(), validator.check(BallotSubmission.cumulative(List.of("a", "b"), List.of(3L, 1L))));
    }

    @Test
    void pointsNearTheLargestNumberAreAViolationNotAnOverflow() {
        BallotRules points = new BallotRules(VoteType.CUMULATIVE, null, null, null, null, null, null, null, 10L);
        BallotValidator validator = new BallotValidator(instance(points));
        List<BallotViolation> found = validator.check(BallotSubmission.cumulative(List.of("a", "b", "c"),
                List.of(Long.MAX_VALUE, Long.MAX_VALUE, 1L)));
        assertEquals(List.of(ViolationCode.TOO_MANY_POINTS), found.stream().map(BallotViolation::code).toList());
        assertEquals("hand out at most 10 points in total, not more than that", found.get(0).message());
    }

    @Test
    void costsThatWouldOverflowAreOverTheLimit() {
        Instance huge = Instance.of(1000, List.of(Project.of("a", Long.MAX_VALUE - 1), Project.of("b", Long.MAX_VALUE - 1)))
                .withBallotRules(BallotRules.knapsack(500));
        List<BallotViolation> found = new BallotValidator(huge).check(BallotSubmission.approval("a", "b"));
        assertEquals(List.of(ViolationCode.OVER_COST_LIMIT), found.stream().map(BallotViolation::code).toList());
    }

    @Test
    void oneProjectIsSingular() {
        List<BallotViolation> found = new BallotValidator(instance(BallotRules.approval(1, 1))).check(BallotSubmission.approval());
        assertEquals("choose at least 1 project, not 0", found.get(0).message());
    }

    @Test
    void reportsEveryViolationAtOnce() {
        List<BallotViolation> found = new BallotValidator(instance(BallotRules.approval(2, 2)))
                .check(BallotSubmission.approval("zz", "zz", "x"));
        assertEquals(List.of(ViolationCode.UNKNOWN_PROJECT, ViolationCode.UNKNOWN_PROJECT,
                        ViolationCode.NOT_ELIGIBLE_PROJECT, ViolationCode.TOO_MANY_PROJECTS),
                found.stream().map(BallotViolation::code).toList());
        assertEquals("choose at most 2 projects, not 3", found.get(3).message());
    }

    @Test
    void acceptsAValidBallotAndBuildsItsModelValue() {
        BallotRules points = BallotRules.cumulative(10, 5L);
        BallotValidator validator = new BallotValidator(instance(points));
        var ballot = validator.toBallot(BallotSubmission.cumulative(List.of("a", "c"), List.of(5L, 5L)), "v1");
        assertEquals(new CumulativeBallot("v1", Map.of("a", 5L, "c", 5L), Map.of()), ballot);
        BallotValidator one = new BallotValidator(instance(BallotRules.of(VoteType.CHOOSE_ONE)));
        assertEquals(new ChooseOneBallot("v2", "b", Map.of()), one.toBallot(BallotSubmission.approval("b"), "v2"));
    }

    @Test
    void refusesToBuildAnInvalidBallot() {
        BallotValidator validator = new BallotValidator(instance(BallotRules.knapsack(500)));
        InvalidBallotException e = assertThrows(InvalidBallotException.class,
                () -> validator.toBallot(BallotSubmission.approval("b", "c"), "v"));
        assertEquals(ViolationCode.OVER_COST_LIMIT, e.violations().get(0).code());
        assertEquals("the chosen projects cost 900, more than the limit of 500", e.violations().get(0).message());
    }
}
