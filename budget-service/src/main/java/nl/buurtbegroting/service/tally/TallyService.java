package nl.buurtbegroting.service.tally;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.rules.UnsupportedElectionException;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionAccess;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Tallies a CLOSED election (CLOSED → TALLIED) and shows the tally to its staff. The count, the stored
 * tally and the state change happen in one transaction that holds the election row's lock, so an
 * election's tally always matches its state. A TALLIED election may be counted again (audited as
 * ELECTION_RETALLIED): the ballots are fixed by then, so only a change of the counting library between tally
 * and publication can change the count, and publication refuses a stale tally (TALLY_OUTDATED) rather than sign
 * what nobody reviewed.
 */
@Singleton
public class TallyService {

    private final TransactionOperations<Connection> transactions;
    private final ElectionRepository elections;
    private final ElectionService lifecycle;
    private final ElectionAccess access;
    private final Counter counter;
    private final AuditLog audit;
    private final Clock clock;

    public TallyService(TransactionOperations<Connection> transactions, ElectionRepository elections,
                        ElectionService lifecycle, ElectionAccess access, Counter counter, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.audit = audit;
        this.elections = elections;
        this.lifecycle = lifecycle;
        this.access = access;
        this.counter = counter;
        this.clock = clock;
    }

    /** The stored tally of an election, for publication. */
    public record Stored(String rule, String tieBreaking, long ballots, String outcomeJson, String viewJson) {
    }

    /** Counts the election and moves it to TALLIED; returns the tally view (JSON). */
    public String tally(Caller caller, long electionId) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            ElectionRow row = elections.findByIdForUpdate(electionId).orElseThrow(() -> notFound(electionId));
            access.requireWritable(caller, electionId);
            boolean again = row.state() == ElectionState.TALLIED;
            if (row.state() != ElectionState.CLOSED && !again) {
                throw ApiProblem.of(ProblemCode.ELECTION_NOT_CLOSED, "Election " + electionId + " is " + row.state()
                        + "; only a CLOSED (or TALLIED, to count again) election can be tallied.");
            }
            Count count;
            try {
                count = counter.count(c, row);
            } catch (UnsupportedElectionException e) {
                throw ApiProblem.of(ProblemCode.TALLY_FAILED, "The rule cannot count this election: " + e.getMessage());
            }
            Instant now = Instant.now(clock);
            String view = TallyView.json(count, now);
            if (again) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM tally WHERE election_id = ?")) {
                    s.setLong(1, electionId);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tally (election_id, rule, tie_breaking, ballots, "
                    + "outcome_json, view_json, tallied_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, electionId);
                s.setString(2, count.rule().label());
                s.setString(3, count.options().tieBreaking().spec());
                s.setLong(4, count.ballots().size());
                s.setString(5, count.outcomeJson());
                s.setString(6, view);
                s.setTimestamp(7, Timestamp.from(now));
                s.executeUpdate();
            }
            if (again) {
                audit.record(caller.username(), "ELECTION_RETALLIED", electionId, row.name(), "counted again");
            } else {
                lifecycle.move(caller, row, ElectionState.TALLIED);
            }
            return view;
        });
    }

    /** The tally view for the election's organisers, auditors and admins: 401, 403, 404 or 409 before the tally. */
    public String view(@Nullable Caller caller, long electionId) {
        return transactions.executeRead(status -> {
            ElectionRow row = elections.findById(electionId).orElseThrow(() -> notFound(electionId));
            if (caller == null) {
                throw ApiProblem.unauthorized("Log in as an organiser, auditor or admin to review a tally.");
            }
            if (!access.canSeeDraft(caller, electionId)) {
                throw ApiProblem.forbidden("You are not an organiser of election " + electionId + ".");
            }
            return stored(status.getConnection(), row).map(Stored::viewJson).orElseThrow(() -> notTallied(row));
        });
    }

    /** The stored tally, read inside the caller's transaction. */
    public Optional<Stored> stored(Connection c, ElectionRow row) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT rule, tie_breaking, ballots, outcome_json, view_json FROM tally WHERE election_id = ?")) {
            s.setLong(1, row.id());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
            }
        }
    }

    public static ApiProblem notTallied(ElectionRow row) {
        return ApiProblem.of(ProblemCode.ELECTION_NOT_TALLIED, "Election " + row.id() + " is " + row.state()
                + "; it has no tally yet.");
    }

    public static ApiProblem notFound(long electionId) {
        return ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + electionId + ".");
    }
}
