package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.Violation;
import org.zalando.problem.AbstractThrowableProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems the voting endpoints answer with, in the conventions of {@link ApiProblem}: a stable
 * {@code type} derived from the {@code code}, which travels as a member too. Never carries a code or a
 * ballot id.
 */
public final class VotingProblem extends AbstractThrowableProblem {

    private final String code;

    private VotingProblem(HttpStatus status, String code, String title, String detail, Map<String, Object> extra) {
        super(ApiProblem.typeOf(code), title, new HttpStatusType(status), detail, null, null, withCode(code, extra));
        this.code = code;
    }

    private static Map<String, Object> withCode(String code, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("code", code);
        all.putAll(extra);
        return all;
    }

    public String code() {
        return code;
    }

    static VotingProblem codeMalformed() {
        return new VotingProblem(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_MALFORMED", "Not a voting code",
                "A voting code has 17 letters and digits, printed in groups of four (ABCD-EFGH-JKMN-PQRS-T).",
                Map.of("field", "code"));
    }

    static VotingProblem codeTypo() {
        return new VotingProblem(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_TYPO", "The code has a typing mistake",
                "One of the characters of the code is not as printed on your letter: please check them.",
                Map.of("field", "code"));
    }

    static VotingProblem unknownCode() {
        return new VotingProblem(HttpStatus.UNPROCESSABLE_ENTITY, "UNKNOWN_CODE", "Unknown code",
                "This code is not a voting code of this election.", Map.of("field", "code"));
    }

    static VotingProblem codeAlreadyUsed() {
        return new VotingProblem(HttpStatus.CONFLICT, "CODE_ALREADY_USED", "Code already used",
                "A ballot has already been cast with this code.", Map.of("field", "code"));
    }

    static VotingProblem notOpen(long electionId) {
        return new VotingProblem(HttpStatus.CONFLICT, "ELECTION_NOT_OPEN", "Voting is not open",
                "Election " + electionId + " does not accept ballots now.", Map.of());
    }

    /** Before {@code votingOpens} or after {@code votingCloses}: says when, so a resident knows what to do. */
    static VotingProblem outsideWindow(long electionId, java.time.Instant opens, java.time.Instant closes, boolean early) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (opens != null) {
            extra.put("votingOpens", opens.toString());
        }
        if (closes != null) {
            extra.put("votingCloses", closes.toString());
        }
        extra.put("detailNl", early ? "Stemmen kan vanaf " + opens + " (UTC)." : "Stemmen kon tot " + closes + " (UTC); de stemming is gesloten.");
        return new VotingProblem(HttpStatus.CONFLICT, "ELECTION_NOT_OPEN", "Voting is not open",
                early ? "Voting in election " + electionId + " opens at " + opens + "."
                        : "Voting in election " + electionId + " closed at " + closes + ".", extra);
    }

    static VotingProblem electionNotFound(long electionId) {
        return new VotingProblem(HttpStatus.NOT_FOUND, "ELECTION_NOT_FOUND", "Not found",
                "There is no election " + electionId + ".", Map.of());
    }

    static VotingProblem invalidBallot(List<Violation> violations) {
        return new VotingProblem(HttpStatus.UNPROCESSABLE_ENTITY, "INVALID_BALLOT", "The ballot is not valid",
                violations.get(0).message(), Map.of("field", violations.get(0).field(), "violations", List.copyOf(violations)));
    }

    static VotingProblem tooManyFailures(long retryAfterSeconds) {
        return new VotingProblem(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_FAILED_CODES", "Too many wrong codes",
                "Too many unknown codes came from your address. Try again in " + retryAfterSeconds + " seconds.",
                Map.of("retryAfter", retryAfterSeconds));
    }

    static VotingProblem of(HttpStatus status, String code, String title, String detail) {
        return new VotingProblem(status, code, title, detail, Map.of());
    }

    static VotingProblem of(HttpStatus status, String code, String title, String detail, Map<String, Object> extra) {
        return new VotingProblem(status, code, title, detail, extra);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
