package nl.buurtbegroting.service.election;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.Violation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the voting times of an OPEN election. In DRAFT both times change with the election ({@code PATCH}); once it is
 * OPEN the election is fixed except for these two, under rules that protect residents:
 *
 * <ul>
 *   <li>Before voting has started (its {@code votingOpens} is still ahead and no ballot, online or paper, is in),
 *       nobody has voted or been turned away yet: both times may move, earlier or later, say after a start typed a
 *       year too late. A start already past means "now" and is stored as the moment of the change, never earlier,
 *       so the record never claims voting was open before it was.</li>
 *   <li>Once voting has started the start is history and does not move ({@code VOTING_STARTED}), and the end only
 *       moves later ({@code NOT_LATER}): residents were told a date, and an earlier end would turn away those who
 *       planned to vote by it.</li>
 *   <li>The end is always after now and after the start ({@code NOT_AFTER_NOW}, {@code WINDOW_INVALID}).</li>
 * </ul>
 * The change and the check run under the election's row lock, the lock every ballot takes, so no ballot slips in
 * between the check "nobody voted yet" and the new start. Each change is audited ({@code VOTING_RESCHEDULED}) and
 * is an event of the audit bundle ({@code voting-rescheduled}).
 */
@Singleton
public class VotingSchedule {

    private final TransactionOperations<Connection> transactions;
    private final ElectionRepository elections;
    private final ElectionMapper mapper;
    private final ElectionAccess access;
    private final AuditLog audit;
    private final Clock clock;

    public VotingSchedule(TransactionOperations<Connection> transactions, ElectionRepository elections, ElectionMapper mapper,
                          ElectionAccess access, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.elections = elections;
        this.mapper = mapper;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public ElectionView reschedule(Caller caller, long id, ScheduleRequest request) {
        if (request.votingOpens() == null && request.votingCloses() == null) {
            throw ApiProblem.invalid("votingOpens", "NOTHING_TO_CHANGE",
                    "give votingOpens, votingCloses or both; a time left out stays as it is");
        }
        return transactions.executeWrite(status -> {
            ElectionRow row = elections.findByIdForUpdate(id).orElseThrow(() ->
                    ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + id + "."));
            access.requireWritable(caller, id);
            if (row.state() == ElectionState.DRAFT) {
                throw notOpen("Election " + id + " is a DRAFT; change its voting times with PATCH /api/elections/" + id + ".",
                        "Stemming " + id + " is nog een concept; verander de stemtijden met PATCH /api/elections/" + id + ".");
            }
            if (row.state() != ElectionState.OPEN) {
                throw notOpen("Election " + id + " is " + row.state() + "; voting times move only while it is OPEN.",
                        "Stemming " + id + " is " + row.state() + "; stemtijden verschuiven alleen zolang die OPEN is.");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long ballots = ballotsIn(status.getConnection(), id);
            boolean started = ballots > 0 || row.votingOpens() == null || !now.isBefore(row.votingOpens());
            Instant opens = row.votingOpens();
            Instant closes = request.votingCloses() == null ? row.votingCloses() : request.votingCloses();
            List<Violation> violations = new ArrayList<>();
            if (request.votingOpens() != null) {
                if (started) {
                    violations.add(new Violation("votingOpens", "VOTING_STARTED", "voting started "
                            + (row.votingOpens() == null ? "when the election opened" : "at " + row.votingOpens())
                            + (ballots == 1 ? " and 1 ballot is in" : ballots > 1 ? " and " + ballots + " ballots are in" : "") + "; its start no longer moves"));
                } else {
                    opens = request.votingOpens().isBefore(now) ? now : request.votingOpens();
                }
            }
            if (request.votingCloses() != null) {
                if (!closes.isAfter(now)) {
                    violations.add(new Violation("votingCloses", "NOT_AFTER_NOW", "the end of voting must be after now ("
                            + now.truncatedTo(ChronoUnit.SECONDS) + ")"));
                } else if (started && row.votingCloses() != null && closes.isBefore(row.votingCloses())) {
                    violations.add(new Violation("votingCloses", "NOT_LATER", "voting has started, so its end moves only"
                            + " later than the current end, " + row.votingCloses()));
                }
            }
            if (violations.isEmpty() && opens != null && closes != null && !closes.isAfter(opens)) {
                violations.add(new Violation("votingCloses", "WINDOW_INVALID", "votingCloses (" + closes
                        + ") must be after votingOpens (" + opens + ")"));
            }
            if (!violations.isEmpty()) {
                throw ApiProblem.invalid(violations);
            }
            ElectionRequest current = mapper.toRequest(row);
            ElectionRequest moved = new ElectionRequest(current.name(), current.neighbourhood(), current.budget(),
                    current.currency(), current.categories(), current.ballot(), current.rule(), current.tieBreaking(),
                    current.eligibility(), opens, closes, current.incompatibleGroups());
            ElectionRow updated = elections.update(mapper.toRow(row.id(), moved, row.state(), row.createdBy(),
                    row.createdAt(), now));
            audit.record(caller.username(), "VOTING_RESCHEDULED", id, opens + " " + closes,
                    "votingOpens " + row.votingOpens() + " -> " + opens + ", votingCloses " + row.votingCloses() + " -> " + closes);
            return mapper.toView(updated);
        });
    }

    /** ELECTION_NOT_OPEN speaks to residents by default; this one is for staff, so it says what to do in both languages. */
    private static ApiProblem notOpen(String english, String dutch) {
        return ApiProblem.of(ProblemCode.ELECTION_NOT_OPEN, english, java.util.Map.of("detailNl", dutch));
    }

    /** Ballots in, online and paper, and paper forms keyed once and waiting for their second keying. */
    private static long ballotsIn(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT (SELECT COUNT(*) FROM ballot WHERE election_id = ?)"
                + " + (SELECT COUNT(*) FROM paper_entry WHERE election_id = ?)")) {
            s.setLong(1, id);
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
