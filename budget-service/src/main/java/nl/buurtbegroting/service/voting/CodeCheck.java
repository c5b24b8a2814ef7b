package nl.buurtbegroting.service.voting;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.security.FailedCodeLimiter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * What a code is worth before the ballot is cast, read without consuming it: the vote page asks at the review
 * step, so a resident with a used or mistyped code learns it beside the code field instead of after the whole
 * ballot. The answer tells whether a code exists, so an unknown code counts against the sender's address
 * exactly as at the cast ({@link FailedCodeLimiter}); the check is no cheaper way to guess codes.
 */
@Singleton
class CodeCheck {

    /** The code's state for one election and one submission id. */
    enum State {
        /** Can be cast with. */
        UNUSED,
        /** Used by this very submission (a reload or a language switch after the cast): the cast gives the receipt again. */
        CAST_BY_THIS_SUBMISSION,
        USED,
        UNKNOWN
    }

    private final TransactionOperations<Connection> transactions;
    private final CodeHasher hasher;
    private final FailedCodeLimiter limiter;

    CodeCheck(TransactionOperations<Connection> transactions, CodeHasher hasher, FailedCodeLimiter limiter) {
        this.transactions = transactions;
        this.hasher = hasher;
        this.limiter = limiter;
    }

    /**
     * The state of {@code typed} (already known to be well formed) in election {@code electionId}. Throws
     * {@link TooManyFailedCodesException} when the address must wait, before anything is looked up.
     */
    State of(long electionId, VotingCode code, String submissionId, String clientAddress) {
        long wait = limiter.retryAfterSeconds(clientAddress);
        if (wait > 0) {
            throw new TooManyFailedCodesException(wait);
        }
        byte[] codeHash = hasher.hash(code);
        byte[] lookup = hasher.derive(BallotStore.SUBMISSION_LABEL, code, submissionId);
        State state = transactions.executeRead(status -> {
            Connection c = status.getConnection();
            Boolean used = null;
            try (PreparedStatement s = c.prepareStatement("SELECT used FROM voting_code WHERE code_hash = ? AND election_id = ?")) {
                s.setBytes(1, codeHash);
                s.setLong(2, electionId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        used = r.getBoolean(1);
                    }
                }
            }
            if (used == null) {
                return State.UNKNOWN;
            }
            if (!used) {
                return State.UNUSED;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM ballot_submission WHERE lookup = ? AND election_id = ?")) {
                s.setBytes(1, lookup);
                s.setLong(2, electionId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? State.CAST_BY_THIS_SUBMISSION : State.USED;
                }
            }
        });
        if (state == State.UNKNOWN) {
            limiter.recordFailure(clientAddress);
        }
        return state;
    }
}
