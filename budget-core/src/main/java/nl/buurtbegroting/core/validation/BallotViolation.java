package nl.buurtbegroting.core.validation;

import java.util.Objects;

/**
 * One thing wrong with a ballot: a stable code, the field at fault (e.g. {@code projects[2]},
 * {@code points[0]}, {@code projects}) and a message a voter or an organiser can act on.
 */
public record BallotViolation(ViolationCode code, String field, String message) {
    public BallotViolation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
