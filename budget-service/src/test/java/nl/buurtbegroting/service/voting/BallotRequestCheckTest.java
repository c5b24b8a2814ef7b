package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.validation.validator.Validator;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.problem.ValidationExceptionHandler;
import nl.buurtbegroting.service.problem.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ballot endpoint checks its request by hand (it is the hot path); these checks must answer exactly
 * what bean validation of the same annotations answers, field, code and message, so the API reads the
 * same as every other endpoint.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
class BallotRequestCheckTest {

    private static final String ID = "abcdefghijklmnop";

    @Inject
    Validator validator;

    static Stream<BallotRequest> invalidRequests() {
        List<String> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        List<Long> pointsWithNull = new ArrayList<>(List.of(1L));
        pointsWithNull.add(null);
        return Stream.of(
                new BallotRequest(null, null, null, null),
                new BallotRequest("x".repeat(65), List.of("a"), null, ID),
                new BallotRequest("x".repeat(64), Collections.nCopies(1001, "a"), Collections.nCopies(1001, 1L), ID),
                new BallotRequest("x", withNull, pointsWithNull, ID),
                new BallotRequest("x", List.of("p".repeat(65), "q"), null, ID),
                new BallotRequest("x", List.of("a"), null, "   "),
                new BallotRequest("x", List.of("a"), null, "short"),
                new BallotRequest("x", List.of("a"), null, "x".repeat(65)),
                new BallotRequest("x", List.of("a"), null, "with space and more than 16"),
                new BallotRequest("x", List.of("a"), null, "bad!"),
                new BallotRequest("x", List.of("a"), null, ""),
                // Every character just outside the allowed ranges of [A-Za-z0-9_-], and letters beyond ASCII.
                new BallotRequest("x", List.of("a"), null, ID + "@"),
                new BallotRequest("x", List.of("a"), null, ID + "["),
                new BallotRequest("x", List.of("a"), null, ID + "`"),
                new BallotRequest("x", List.of("a"), null, ID + "{"),
                new BallotRequest("x", List.of("a"), null, ID + "/"),
                new BallotRequest("x", List.of("a"), null, ID + ":"),
                new BallotRequest("x", List.of("a"), null, ID + "^"),
                new BallotRequest("x", List.of("a"), null, ID + "é"),
                new BallotRequest("x", List.of("a"), null, ID + "\u0661"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void handWrittenChecksAnswerWhatBeanValidationAnswers(BallotRequest request) {
        List<Violation> expected = validator.validate(request).stream()
                .map(ValidationExceptionHandler::toViolation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::code))
                .toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected, request.violations());
    }

    @Test
    void aValidRequestHasNoViolations() {
        for (BallotRequest request : List.of(new BallotRequest("ABCD-EFGH-JKMN-PQRS-T", List.of("a", "b"), null, ID),
                new BallotRequest("ABCD", List.of(), List.of(3L), ID + "_-09"),
                new BallotRequest("ABCD", List.of(), null, "AZaz09_-AZaz09_-"))) {
            assertTrue(validator.validate(request).isEmpty());
            assertEquals(List.of(), request.violations());
        }
    }
}
