package nl.buurtbegroting.service.voting;

import jakarta.inject.Singleton;
import nl.buurtbegroting.core.validation.BallotSubmission;
import nl.buurtbegroting.core.validation.BallotViolation;
import nl.buurtbegroting.service.ballot.BallotRulesCache;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.codes.InvalidCodeException;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.security.FailedCodeLimiter;

import java.util.List;

/**
 * The way from a submitted ballot to a receipt: rate limit, code format, ballot rules, then the
 * transaction in {@link BallotStore}, shared with other ballots arriving at the same time ({@link BallotWriters}). Unknown codes count against the sender's address.
 */
@Singleton
public class BallotService {

    private final BallotRulesCache rules;
    private final BallotStore store;
    private final BallotWriters writers;
    private final FailedCodeLimiter limiter;

    public BallotService(BallotRulesCache rules, BallotStore store, BallotWriters writers, FailedCodeLimiter limiter) {
        this.rules = rules;
        this.store = store;
        this.writers = writers;
        this.limiter = limiter;
    }

    public BallotStore.Cast castOnline(long electionId, BallotRequest request, String clientAddress) {
        long wait = limiter.retryAfterSeconds(clientAddress);
        if (wait > 0) {
            throw new TooManyFailedCodesException(wait);
        }
        VotingCode code = parse(request.code());
        BallotSubmission submission = new BallotSubmission(request.projects(), request.points());
        StoredBallot checked = checked(electionId, submission);
        try {
            return writers.cast(store.prepare(electionId, code, request.submissionId(), checked, Channel.ONLINE));
        } catch (VotingProblem problem) {
            if (problem.code() == ProblemCode.UNKNOWN_CODE) {
                limiter.recordFailure(clientAddress);
            }
            throw problem;
        }
    }

    /** The code, or 422 CODE_MALFORMED / CODE_TYPO. */
    static VotingCode parse(String typed) {
        try {
            return VotingCode.parse(typed);
        } catch (InvalidCodeException e) {
            throw switch (e.problem()) {
                case CODE_TYPO -> VotingProblem.codeTypo();
                case CODE_MALFORMED -> VotingProblem.codeMalformed();
            };
        }
    }

    /** The stored forms of a valid ballot, or 404, 409 ELECTION_NOT_OPEN or 422 INVALID_BALLOT. */
    StoredBallot checked(long electionId, BallotSubmission submission) {
        BallotRulesCache.ElectionBallot election = rules.of(electionId)
                .orElseThrow(() -> VotingProblem.electionNotFound(electionId));
        if (election.state() == ElectionState.DRAFT) {
            throw VotingProblem.notOpen(electionId);
        }
        List<BallotViolation> violations = election.validator().check(submission);
        if (!violations.isEmpty()) {
            throw VotingProblem.invalidBallot(violations.stream()
                    .map(v -> new Violation(v.field(), v.code().name(), v.message())).toList());
        }
        return StoredBallot.of(election.instance(), submission);
    }
}
