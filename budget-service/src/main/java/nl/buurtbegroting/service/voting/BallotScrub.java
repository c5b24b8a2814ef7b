package nl.buurtbegroting.service.voting;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionAccess;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;

/**
 * After the close, removes what the database itself could still use to link a code to a ballot (see the
 * README's threat model): deletes the sealed receipts kept for retries, rewrites every used code row and
 * every ballot row of the election in one transaction per table (so on PostgreSQL they all share one
 * {@code xmin} instead of the casting transaction's), and on PostgreSQL rewrites both tables in primary-key
 * order ({@code CLUSTER}), which is random, so the physical order no longer follows the order of casting.
 * The WAL of the past, backups and H2's file layout are out of its reach.
 */
@Singleton
public class BallotScrub {

    private final TransactionOperations<Connection> transactions;
    private final ElectionRepository elections;
    private final ElectionAccess access;
    private final AuditLog audit;

    public BallotScrub(TransactionOperations<Connection> transactions, ElectionRepository elections,
                       ElectionAccess access, AuditLog audit) {
        this.transactions = transactions;
        this.elections = elections;
        this.access = access;
        this.audit = audit;
    }

    public ScrubResult scrub(Caller caller, long electionId) {
        int[] done = new int[3];
        boolean postgres = transactions.executeWrite(status -> {
            ElectionRow row = elections.findByIdForUpdate(electionId).orElseThrow(() ->
                    ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + electionId + "."));
            access.requireWritable(caller, electionId);
            if (row.state() == ElectionState.DRAFT || row.state() == ElectionState.OPEN) {
                throw ApiProblem.of(ProblemCode.ELECTION_NOT_CLOSED, "Election " + electionId + " is " + row.state()
                        + "; ballots are scrubbed after the close.");
            }
            Connection c = status.getConnection();
            done[0] = update(c, "DELETE FROM ballot_submission WHERE election_id = ?", electionId);
            audit.record(caller.username(), "BALLOTS_SCRUBBED", electionId, null, "retry receipts deleted, rows rewritten");
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        });
        done[1] = transactions.executeWrite(status -> update(status.getConnection(),
                "UPDATE voting_code SET used = used WHERE election_id = ? AND used = TRUE", electionId));
        done[2] = transactions.executeWrite(status -> update(status.getConnection(),
                "UPDATE ballot SET channel = channel WHERE election_id = ?", electionId));
        if (postgres) {
            transactions.executeWrite(status -> {
                try (Statement s = status.getConnection().createStatement()) {
                    s.execute("CLUSTER ballot USING ballot_pkey");
                    s.execute("CLUSTER voting_code USING voting_code_pkey");
                    s.execute("CLUSTER ballot_submission USING ballot_submission_pkey");
                }
                return null;
            });
        }
        return new ScrubResult(done[0], done[1], done[2], postgres);
    }

    private static int update(Connection c, String sql, long electionId) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, electionId);
            return s.executeUpdate();
        }
    }
}
