package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
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

    private final ProblemCode code;

    private VotingProblem(ProblemCode code, String detail, Map<String, Object> extra) {
        super(ApiProblem.typeOf(code), code.title(ProblemCode.Language.EN), new HttpStatusType(HttpStatus.valueOf(code.status())),
                detail, null, null, ApiProblem.withCode(code, extra));
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }

    static VotingProblem codeMalformed() {
        return new VotingProblem(ProblemCode.CODE_MALFORMED,
                "A voting code has 17 letters and digits, printed in groups of four (ABCD-EFGH-JKMN-PQRS-T).",
                Map.of("field", "code"));
    }

    static VotingProblem codeTypo() {
        return new VotingProblem(ProblemCode.CODE_TYPO,
                "One of the characters of the code is not as printed on your letter: please check them.",
                Map.of("field", "code"));
    }

    static VotingProblem unknownCode() {
        return new VotingProblem(ProblemCode.UNKNOWN_CODE,
                "This code is not a voting code of this election.", Map.of("field", "code"));
    }

    static VotingProblem codeAlreadyUsed() {
        return new VotingProblem(ProblemCode.CODE_ALREADY_USED,
                "A ballot has already been cast with this code.", Map.of("field", "code"));
    }

    static VotingProblem notOpen(long electionId) {
        return new VotingProblem(ProblemCode.ELECTION_NOT_OPEN,
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
        return new VotingProblem(ProblemCode.ELECTION_NOT_OPEN,
                early ? "Voting in election " + electionId + " opens at " + opens + "."
                        : "Voting in election " + electionId + " closed at " + closes + ".", extra);
    }

    static VotingProblem electionNotFound(long electionId) {
        return new VotingProblem(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + electionId + ".", Map.of());
    }

    static VotingProblem invalidBallot(List<Violation> violations) {
        return new VotingProblem(ProblemCode.INVALID_BALLOT,
                violations.get(0).message(), Map.of("field", violations.get(0).field(), "violations", ApiProblem.capped(violations)));
    }

    static VotingProblem tooManyFailures(long retryAfterSeconds) {
        return new VotingProblem(ProblemCode.TOO_MANY_FAILED_CODES,
                "Too many unknown codes came from your address. Try again in " + retryAfterSeconds + " seconds.",
                Map.of("retryAfter", retryAfterSeconds));
    }

    static VotingProblem of(ProblemCode code, String detail) {
        return new VotingProblem(code, detail, Map.of());
    }

    static VotingProblem of(ProblemCode code, String detail, Map<String, Object> extra) {
        return new VotingProblem(code, detail, extra);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
