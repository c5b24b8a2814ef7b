package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import nl.buurtbegroting.service.problem.Violation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A ballot as a resident's client sends it.
 *
 * @param code         the voting code as typed (case, spaces and hyphens do not matter)
 * @param projects     the chosen proposals by their code
 * @param points       for a cumulative ballot, the points for each chosen proposal, position by position
 * @param submissionId a random id the client makes once per ballot and sends again on a retry, so a lost
 *                     response can be recovered; 16 to 64 characters of {@code [A-Za-z0-9_-]}
 */
@Serdeable
public record BallotRequest(@NotNull @Size(max = 64) String code,
                            @NotNull @Size(max = 1000) List<@NotNull @Size(max = 64) String> projects,
                            @Nullable @Size(max = 1000) List<@NotNull Long> points,
                            @NotBlank @Size(min = 16, max = 64) @Pattern(regexp = SUBMISSION_ID) String submissionId) {

    static final String SUBMISSION_ID = "[A-Za-z0-9_-]+";
    private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::field).thenComparing(Violation::code);

    /**
     * What bean validation of the annotations above reports, in the same fields, codes and messages (see
     * {@code ValidationExceptionHandler}), sorted by field and code. Written out because this request is
     * the one every resident sends: the generic validator walked these fields for more CPU than signing
     * the receipt. The annotations stay for the API description.
     */
    List<Violation> violations() {
        List<Violation> out = new ArrayList<>();
        if (code == null) {
            out.add(notNull("code"));
        } else {
            size(out, "code", code.length(), 0, 64);
        }
        if (projects == null) {
            out.add(notNull("projects"));
        } else {
            size(out, "projects", projects.size(), 0, 1000);
            for (int i = 0; i < projects.size(); i++) {
                String project = projects.get(i);
                if (project == null) {
                    out.add(notNull("projects[" + i + "]"));
                } else {
                    size(out, "projects[" + i + "]", project.length(), 0, 64);
                }
            }
        }
        if (points != null) {
            size(out, "points", points.size(), 0, 1000);
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i) == null) {
                    out.add(notNull("points[" + i + "]"));
                }
            }
        }
        if (submissionId == null || submissionId.isBlank()) {
            out.add(new Violation("submissionId", "NOT_BLANK", "must not be blank"));
        }
        if (submissionId != null) {
            size(out, "submissionId", submissionId.length(), 16, 64);
            if (!isSubmissionId(submissionId)) {
                out.add(new Violation("submissionId", "PATTERN", "must match \"" + SUBMISSION_ID + "\""));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Whether {@code s} matches {@link #SUBMISSION_ID}, checked without a regular expression on every ballot. */
    private static boolean isSubmissionId(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static Violation notNull(String field) {
        return new Violation(field, "NOT_NULL", "must not be null");
    }

    private static void size(List<Violation> out, String field, int size, int min, int max) {
        if (size < min || size > max) {
            out.add(new Violation(field, "SIZE", "size must be between " + min + " and " + max));
        }
    }
}
