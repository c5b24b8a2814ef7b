package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.validation.BallotSubmission;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionAccess;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paper ballots with double keying. Each staff member's keying of a form is kept as an entry under
 * {@code HMAC(key, "paper" | code)}; the ballot is cast (channel PAPER, through the same transaction as an
 * online ballot) only when a second, different staff member keys exactly the same ballot, and the entries
 * are then deleted. A keying that differs from another staff member's is stored too and answered with 409
 * PAPER_MISMATCH listing all keyings, and the mismatch stays listed for every organiser until one keying is
 * confirmed by a second person. Only counts per channel are reported; who keyed which ballot is not kept
 * once it is cast.
 */
@Singleton
public class PaperBallotService {

    static final String PAPER_LABEL = "paper";

    private final TransactionOperations<Connection> transactions;
    private final BallotService ballots;
    private final BallotStore store;
    private final CodeHasher hasher;
    private final ElectionAccess access;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public PaperBallotService(TransactionOperations<Connection> transactions, BallotService ballots, BallotStore store,
                              CodeHasher hasher, ElectionAccess access, AuditLog audit) {
        this.transactions = transactions;
        this.ballots = ballots;
        this.store = store;
        this.hasher = hasher;
        this.access = access;
        this.audit = audit;
    }

    public PaperKeying key(Caller caller, long electionId, PaperBallotRequest request) {
        access.requireWritable(caller, electionId);
        VotingCode code = BallotService.parse(request.code());
        StoredBallot checked = ballots.checked(electionId, new BallotSubmission(request.projects(), request.points()));
        String content = checked.content();
        byte[] lookup = hasher.derive(PAPER_LABEL, code, "");
        PaperKeying result = transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            store.requireOpen(c, electionId);
            if (!store.unusedInTransaction(c, electionId, code)) {
                throw store.codeExistsInTransaction(c, electionId, code) ? VotingProblem.codeAlreadyUsed() : VotingProblem.unknownCode();
            }
            List<PaperEntryView> entries = entries(c, lookup, electionId);
            for (PaperEntryView other : entries) {
                if (!other.enteredBy().equals(caller.username()) && same(other.ballot(), content)) {
                    BallotStore.Cast cast = store.cast(electionId, code, "paper-" + hex(16), checked, Channel.PAPER);
                    delete(c, lookup, electionId);
                    audit.record(caller.username(), "PAPER_BALLOT_CONFIRMED", electionId, null, "second keying matched");
                    return new PaperKeying("CAST", List.of(), cast.receipt());
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM paper_entry WHERE lookup = ? AND election_id = ? AND entered_by = ?")) {
                s.setBytes(1, lookup);
                s.setLong(2, electionId);
                s.setString(3, caller.username());
                s.executeUpdate();
            }
            String entryId = hex(16);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO paper_entry (id, lookup, election_id, entered_by, content) VALUES (?, ?, ?, ?, ?)")) {
                s.setBytes(1, HexFormat.of().parseHex(entryId));
                s.setBytes(2, lookup);
                s.setLong(3, electionId);
                s.setString(4, caller.username());
                s.setString(5, content);
                s.executeUpdate();
            }
            return new PaperKeying("AWAITING_SECOND_KEYING", entries(c, lookup, electionId), null);
        });
        if (result.receipt() == null && result.entries().stream().anyMatch(e -> !same(e.ballot(), content))) {
            // Says that it differs, never what the other keyer keyed: the form decides, not the first keying.
            throw VotingProblem.of(ProblemCode.PAPER_MISMATCH,
                    "Another staff member keyed this form differently. Check the form and key what it says; the "
                            + "keying that a second person confirms is cast.",
                    Map.of("entries", visibleTo(caller, result.entries())));
        }
        return result.receipt() != null ? result : new PaperKeying(result.status(), visibleTo(caller, result.entries()), null);
    }

    /** Forms keyed differently by two staff members, grouped per form. */
    public List<PaperMismatch> mismatches(Caller caller, long electionId) {
        return keyings(caller, electionId, true);
    }

    /**
     * Forms keyed once and waiting for their second keying (one entry each; another keyer's ballot is hidden as in
     * {@link #mismatches}). One whose code was then used online waits for good until it is {@link #discard}ed.
     */
    public List<PaperMismatch> awaitingSecondKeying(Caller caller, long electionId) {
        return keyings(caller, electionId, false);
    }

    private List<PaperMismatch> keyings(Caller caller, long electionId, boolean differing) {
        requireStaffOf(caller, electionId);
        return transactions.executeRead(status -> {
            Map<String, List<PaperEntryView>> byForm = new LinkedHashMap<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT lookup, id, entered_by, content FROM paper_entry WHERE election_id = ? ORDER BY lookup, entered_by")) {
                s.setLong(1, electionId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byForm.computeIfAbsent(HexFormat.of().formatHex(r.getBytes(1)), k -> new ArrayList<>())
                                .add(new PaperEntryView(HexFormat.of().formatHex(r.getBytes(2)), r.getString(3), r.getString(4)));
                    }
                }
            }
            return byForm.values().stream().filter(l -> differing == (l.size() > 1))
                    .map(l -> new PaperMismatch(visibleTo(caller, l))).toList();
        });
    }

    /** Ballots per channel and paper forms waiting for their second keying. */
    public Map<String, Long> counts(Caller caller, long electionId) {
        requireStaffOf(caller, electionId);
        return transactions.executeRead(status -> {
            Map<String, Long> out = new LinkedHashMap<>();
            out.put("ONLINE", 0L);
            out.put("PAPER", 0L);
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT channel, COUNT(*) FROM ballot WHERE election_id = ? GROUP BY channel")) {
                s.setLong(1, electionId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            out.put("total", out.get("ONLINE") + out.get("PAPER"));
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT COUNT(DISTINCT lookup) FROM paper_entry WHERE election_id = ?")) {
                s.setLong(1, electionId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    out.put("paperAwaitingSecondKeying", r.getLong(1));
                }
            }
            return out;
        });
    }

    /**
     * Discards one keying (a form keyed once whose code was then used online, or a keying found wrong), so no stale
     * keying waits forever. Staff of the election; audited with who keyed it, never the ballot.
     */
    public void discard(Caller caller, long electionId, String entryId) {
        access.requireWritable(caller, electionId);
        if (!entryId.matches("[0-9a-f]{32}")) {
            throw ApiProblem.of(ProblemCode.PAPER_ENTRY_NOT_FOUND, "There is no such paper keying in this election.");
        }
        transactions.executeWrite(status -> {
            String keyer;
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT entered_by FROM paper_entry WHERE id = ? AND election_id = ?")) {
                s.setBytes(1, HexFormat.of().parseHex(entryId));
                s.setLong(2, electionId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ApiProblem.of(ProblemCode.PAPER_ENTRY_NOT_FOUND,
                                "There is no such paper keying in this election.");
                    }
                    keyer = r.getString(1);
                }
            }
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "DELETE FROM paper_entry WHERE id = ? AND election_id = ?")) {
                s.setBytes(1, HexFormat.of().parseHex(entryId));
                s.setLong(2, electionId);
                s.executeUpdate();
            }
            audit.record(caller.username(), "PAPER_KEYING_DISCARDED", electionId, "entry " + entryId, "keyed by " + keyer);
            return null;
        });
    }

    /** Every keying in full for auditors and admins and for its own keyer; others see who keyed, not what. */
    private static List<PaperEntryView> visibleTo(Caller caller, List<PaperEntryView> entries) {
        if (caller.isAdmin() || caller.isAuditor()) {
            return entries;
        }
        return entries.stream().map(e -> e.enteredBy().equals(caller.username()) ? e : e.redacted()).toList();
    }

    private void requireStaffOf(Caller caller, long electionId) {
        if (caller == null) {
            throw ApiProblem.unauthorized("Log in to see this.");
        }
        if (!access.canSeeDraft(caller, electionId)) {
            throw ApiProblem.forbidden("You are not an organiser of election " + electionId + ".");
        }
    }

    private static List<PaperEntryView> entries(Connection c, byte[] lookup, long electionId) throws java.sql.SQLException {
        List<PaperEntryView> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, entered_by, content FROM paper_entry WHERE lookup = ? AND election_id = ? ORDER BY entered_by FOR UPDATE")) {
            s.setBytes(1, lookup);
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new PaperEntryView(HexFormat.of().formatHex(r.getBytes(1)), r.getString(2), r.getString(3)));
                }
            }
        }
        return out;
    }

    private static void delete(Connection c, byte[] lookup, long electionId) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM paper_entry WHERE lookup = ? AND election_id = ?")) {
            s.setBytes(1, lookup);
            s.setLong(2, electionId);
            s.executeUpdate();
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
