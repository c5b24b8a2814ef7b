package nl.buurtbegroting.core.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A ballot as a voter submitted it, before any check: the project ids in the order given (repeats
 * kept, so they can be reported) and, for a cumulative ballot, the points for each, position by position.
 */
public record BallotSubmission(List<String> projects, List<Long> points) {

    public BallotSubmission {
        projects = Collections.unmodifiableList(new ArrayList<>(projects == null ? List.of() : projects));
        points = points == null ? null : Collections.unmodifiableList(new ArrayList<>(points));
    }

    public static BallotSubmission approval(String... projectIds) {
        return new BallotSubmission(List.of(projectIds), null);
    }

    public static BallotSubmission approval(List<String> projectIds) {
        return new BallotSubmission(projectIds, null);
    }

    public static BallotSubmission cumulative(List<String> projectIds, List<Long> points) {
        return new BallotSubmission(projectIds, points);
    }
}
