package nl.buurtbegroting.service.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import org.zalando.problem.AbstractThrowableProblem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An error the API reports on purpose. Its {@code type} is derived from a stable machine code
 * ({@code ELECTION_NOT_DRAFT} becomes {@code https://buurtbegroting.nl/problems/election-not-draft}),
 * and the code itself travels in the {@code code} member so clients can switch on it without
 * parsing URIs. Validation problems also carry the {@code field} at fault.
 */
public final class ApiProblem extends AbstractThrowableProblem {

    public static final String TYPE_BASE = "https://buurtbegroting.nl/problems/";

    private final ProblemCode code;

    private ApiProblem(ProblemCode code, String detail, Map<String, Object> parameters) {
        super(typeOf(code), code.title(ProblemCode.Language.EN), new HttpStatusType(HttpStatus.valueOf(code.status())),
                detail, null, null, withCode(code, parameters));
        this.code = code;
    }

    public static URI typeOf(ProblemCode code) {
        return URI.create(TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The members of a problem: {@code code} (as its name, the string clients switch on) first. */
    public static Map<String, Object> withCode(ProblemCode code, Map<String, Object> parameters) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("code", code.name());
        all.putAll(parameters);
        return all;
    }

    public ProblemCode code() {
        return code;
    }

    /** A problem with the code's status; the title is the code's, in the caller's language when answered. */
    public static ApiProblem of(ProblemCode code, String detail) {
        return new ApiProblem(code, detail, Map.of());
    }

    /** A problem with extension members beside {@code code}, such as the line of a file at fault. */
    public static ApiProblem of(ProblemCode code, String detail, Map<String, Object> members) {
        return new ApiProblem(code, detail, members);
    }

    /**
     * A request value that is well-formed but not acceptable; {@code field} is a JSON path such as
     * {@code ballot.maxProjects}. The problem's code is always VALIDATION_FAILED; the specific reason is
     * the code of the violation, so clients need one rule to find the field at fault.
     */
    public static ApiProblem invalid(String field, String code, String detail) {
        return invalid(List.of(new Violation(field, code, detail)));
    }

    /** The most violations one answer lists; the rest are counted. */
    public static final int MAX_VIOLATIONS = 100;

    /**
     * Several invalid fields at once; the first one is reported as {@code field}. At most {@link #MAX_VIOLATIONS} are
     * listed, then one {@code TOO_MANY_VIOLATIONS} says how many more there are: a 600 KB ballot of 300,000 wrong
     * entries, which anyone may send, was answered with 28 MB listing each of them.
     */
    public static ApiProblem invalid(List<Violation> violations) {
        Violation first = violations.get(0);
        return new ApiProblem(ProblemCode.VALIDATION_FAILED, first.message(),
                Map.of("field", first.field(), "violations", capped(violations)));
    }

    /** The first {@link #MAX_VIOLATIONS} of {@code violations}, and when there are more, one that counts the rest. */
    public static List<Violation> capped(List<Violation> violations) {
        if (violations.size() <= MAX_VIOLATIONS) {
            return List.copyOf(violations);
        }
        List<Violation> listed = new java.util.ArrayList<>(violations.subList(0, MAX_VIOLATIONS));
        listed.add(new Violation("", "TOO_MANY_VIOLATIONS", (violations.size() - MAX_VIOLATIONS)
                + " more faults are not listed; fix these first and send the request again"));
        return List.copyOf(listed);
    }

    public static ApiProblem unauthorized(String detail) {
        return of(ProblemCode.UNAUTHORIZED, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return of(ProblemCode.FORBIDDEN, detail);
    }

    /** An election that cannot be opened yet; {@code missing} lists every gap, not just the first. */
    public static ApiProblem incomplete(List<Violation> missing) {
        return new ApiProblem(ProblemCode.ELECTION_INCOMPLETE,
                "The election cannot be opened until every item in 'missing' is resolved.",
                Map.of("missing", List.copyOf(missing)));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // A problem is an answer, not a failure: its stack would never be shown and costs time to build.
        return this;
    }
}
