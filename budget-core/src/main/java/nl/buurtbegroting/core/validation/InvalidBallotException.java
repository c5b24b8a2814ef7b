package nl.buurtbegroting.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A ballot failed its checks; carries every violation, not only the first. */
public class InvalidBallotException extends IllegalArgumentException {
    private final transient List<BallotViolation> violations;

    public InvalidBallotException(List<BallotViolation> violations) {
        super("invalid ballot: " + violations.stream().map(v -> v.code() + " at " + v.field() + ": " + v.message())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<BallotViolation> violations() {
        return violations;
    }
}
