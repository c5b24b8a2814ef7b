package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.election.Caller;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import nl.buurtbegroting.service.election.ElectionAccess;
import nl.buurtbegroting.service.election.ElectionMapper;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issues and revokes code batches. The plaintext codes exist only in memory while a batch is made and
 * leave the service once, as the CSV of the response; the database gets their HMACs, written in JDBC
 * batches inside one transaction, so a batch is stored whole or not at all and the CSV is sent only
 * after the commit.
 */
@Singleton
public class CodeBatchService {

    /**
     * Most codes in one batch: one batch is made in memory (its codes, their hashes and the CSV, about 25 MB), and
     * 200,000 letters is more than any city prints in one run. More are issued in several batches.
     */
    public static final int MAX_COUNT = 200_000;
    private static final int JDBC_BATCH = 1_000;

    private final TransactionOperations<Connection> transactions;
    private final ElectionRepository elections;
    private final CodeBatchRepository batches;
    private final ElectionAccess access;
    private final AuditLog audit;
    private final CodeHasher hasher;
    private final BallotStore ballots;
    private final Clock clock;
    private final ElectionMapper mapper;
    private final String publicUrl;
    private final BeanProvider<EmbeddedServer> server;
    private final SecureRandom random = new SecureRandom();
    private final long maxPerElection;

    public CodeBatchService(TransactionOperations<Connection> transactions, ElectionRepository elections,
                            CodeBatchRepository batches, ElectionAccess access, AuditLog audit, CodeHasher hasher,
                            BallotStore ballots, Clock clock, ElectionMapper mapper,
                            @Property(name = "bb.public-url", defaultValue = "") String publicUrl,
                            BeanProvider<EmbeddedServer> server,
                            @Property(name = "bb.codes.max-per-election", defaultValue = "2000000") long maxPerElection) {
        this.transactions = transactions;
        this.elections = elections;
        this.batches = batches;
        this.access = access;
        this.audit = audit;
        this.hasher = hasher;
        this.ballots = ballots;
        this.clock = clock;
        this.mapper = mapper;
        this.publicUrl = publicUrl;
        this.server = server;
        this.maxPerElection = maxPerElection;
    }

    /** A new batch and its codes, which the caller must hand out and forget. */
    public record Issued(CodeBatchView batch, List<VotingCode> codes) {
    }

    /**
     * Issues a batch. Before voting opens, or by an admin, the codes are made at once. An organiser asking while
     * voting is open gets a batch awaiting approval and no codes: a second staff member of the election (or an
     * admin) must {@link #approve} it, so nobody alone can mint codes and vote with them (README, "Separation of duties").
     */
    public Issued issue(Caller caller, long electionId, CodeBatchRequest request) {
        // Here, not in the controller, so that the organiser pages get the same rule for text as the API.
        TextCheck.require(request);
        String label = request.label().strip();
        String district = request.district() == null ? null : request.district().strip();
        ElectionRow election = elections.findById(electionId).orElseThrow(() -> electionNotFound(electionId));
        access.requireWritable(caller, electionId);
        requireIssuable(electionId, election.state());
        checkDistrict(election, district);
        // Before the codes are made (seconds for a large batch), and again under the lock, where it counts.
        transactions.executeRead(status -> {
            requireRoom(status.getConnection(), electionId, request.count(), false);
            return null;
        });
        if (election.state() == ElectionState.OPEN && !caller.isAdmin()) {
            CodeBatchView pending = transactions.executeWrite(status -> {
                requireIssuable(electionId, ElectionState.valueOf(ballots.lockedState(status.getConnection(), electionId)));
                requireRoom(status.getConnection(), electionId, request.count(), false);
                CodeBatchRow row = batches.save(new CodeBatchRow(null, electionId, label, request.count(), false,
                        caller.username(), Instant.now(clock), district, true, true, null));
                audit.record(caller.username(), "CODE_BATCH_REQUESTED", electionId, "batch " + row.id(),
                        row.codeCount() + " codes, label '" + label + "', awaiting a second staff member's approval");
                return view(row, 0);
            });
            return new Issued(pending, List.of());
        }
        boolean whileOpen = election.state() == ElectionState.OPEN;
        return generate(caller, electionId, request.count(), status -> batches.save(new CodeBatchRow(null, electionId,
                label, request.count(), false, caller.username(), Instant.now(clock), district, whileOpen, false,
                whileOpen ? caller.username() : null)));
    }

    /**
     * Approves a batch asked for while voting is open: only another staff member of the election than the one who
     * asked, or an admin. The codes are made now and returned once, to the approver.
     */
    public Issued approve(Caller caller, long electionId, long batchId) {
        elections.findById(electionId).orElseThrow(() -> electionNotFound(electionId));
        access.requireWritable(caller, electionId);
        CodeBatchRow row = batches.findByIdAndElectionId(batchId, electionId).orElseThrow(() -> notFound(batchId));
        if (!row.pending() || row.revoked()) {
            throw ApiProblem.of(ProblemCode.BATCH_NOT_AWAITING_APPROVAL,
                    "Batch " + batchId + " is not awaiting approval.");
        }
        if (row.createdBy().equalsIgnoreCase(caller.username())) {
            throw ApiProblem.forbidden("A batch asked for while voting is open needs a second staff member's approval,"
                    + " not that of " + caller.username() + " who asked for it.");
        }
        return generate(caller, electionId, row.codeCount(), status -> {
            CodeBatchRow fresh = batches.findByIdAndElectionId(batchId, electionId).orElseThrow(() -> notFound(batchId));
            if (!fresh.pending() || fresh.revoked()) {
                throw ApiProblem.of(ProblemCode.BATCH_NOT_AWAITING_APPROVAL,
                        "Batch " + batchId + " is not awaiting approval.");
            }
            return batches.update(fresh.approve(caller.username()));
        });
    }

    private interface RowWriter {
        CodeBatchRow write(io.micronaut.transaction.TransactionStatus<Connection> status) throws java.sql.SQLException;
    }

    private Issued generate(Caller caller, long electionId, int count, RowWriter writer) {
        List<VotingCode> codes = new ArrayList<>(count);
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            VotingCode code = VotingCode.random(random);
            codes.add(code);
            hashes.add(hasher.hash(code));
        }
        CodeBatchView view = transactions.executeWrite(status -> {
            CodeBatchRow row = writer.write(status);
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "INSERT INTO voting_code (code_hash, election_id, batch_id, used) VALUES (?, ?, ?, FALSE)")) {
                for (int i = 0; i < hashes.size(); i++) {
                    s.setBytes(1, hashes.get(i));
                    s.setLong(2, electionId);
                    s.setLong(3, row.id());
                    s.addBatch();
                    if ((i + 1) % JDBC_BATCH == 0 || i + 1 == hashes.size()) {
                        s.executeBatch();
                    }
                }
            }
            // The election row is locked only now, after the codes are written, and the way a ballot locks it:
            // writing 200,000 codes takes seconds, and a lock taken first would hold every ballot of an open
            // election for that long. A close that committed meanwhile is seen here and refuses the batch.
            requireIssuable(electionId, ElectionState.valueOf(ballots.lockedState(status.getConnection(), electionId)));
            requireRoom(status.getConnection(), electionId, row.codeCount(), true);
            audit.record(caller.username(), "CODE_BATCH_ISSUED", electionId, "batch " + row.id(),
                    row.codeCount() + " codes, label '" + row.label() + "'"
                            + (row.whileOpen() ? ", while voting was open, approved by " + row.approvedBy() : ""));
            return view(row, 0);
        });
        return new Issued(view, codes);
    }

    /**
     * At most {@code bb.codes.max-per-election} codes (2,000,000: more than the residents of any Dutch city, paper
     * and replacements included) in the batches of one election that are not revoked, counting those awaiting
     * approval; with {@code counted}, the batch of {@code count} codes is among them already (saved in this
     * transaction). Without a bound, anyone allowed to issue could fill the database one batch at a time.
     */
    private void requireRoom(Connection c, long electionId, long count, boolean counted) throws java.sql.SQLException {
        long issued;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(code_count), 0) FROM code_batch WHERE election_id = ? AND revoked = FALSE")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                issued = r.getLong(1) - (counted ? count : 0);
            }
        }
        if (issued + count > maxPerElection) {
            java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();
            members.put("limit", maxPerElection);
            members.put("issued", issued);
            members.put("requested", count);
            throw ApiProblem.of(ProblemCode.TOO_MANY_CODES, "Election " + electionId + " has " + issued
                    + " codes in batches that are not revoked; " + count + " more would pass the limit of "
                    + maxPerElection + " codes an election (bb.codes.max-per-election). At most "
                    + Math.max(0, maxPerElection - issued) + " more can be issued.", members);
        }
    }

    private void checkDistrict(ElectionRow election, String district) {
        List<String> districts = mapper.toRequest(election).eligibility().districts();
        if (districts.isEmpty()) {
            if (district != null) {
                throw ApiProblem.invalid("district", "NO_DISTRICTS", "election " + election.id()
                        + " lists no districts; leave district out");
            }
        } else if (district == null) {
            throw ApiProblem.invalid("district", "DISTRICT_REQUIRED", "election " + election.id()
                    + " is for the districts " + String.join(", ", districts) + "; name the one this batch is for");
        } else if (!districts.contains(district)) {
            throw ApiProblem.invalid("district", "UNKNOWN_DISTRICT", "election " + election.id()
                    + " has no district '" + district + "'; its districts: " + String.join(", ", districts));
        }
    }

    private static void requireIssuable(long electionId, ElectionState state) {
        if (state != ElectionState.DRAFT && state != ElectionState.OPEN) {
            throw ApiProblem.of(ProblemCode.ELECTION_NOT_DRAFT_OR_OPEN, "Election " + electionId + " is "
                    + state + "; codes are issued before or during voting only.");
        }
    }

    /** Revokes a batch before voting opens: its codes are deleted, so they are unknown from then on. */
    public CodeBatchView revoke(Caller caller, long electionId, long batchId) {
        return transactions.executeWrite(status -> {
            ElectionRow election = lock(caller, electionId);
            if (election.state() != ElectionState.DRAFT) {
                throw ApiProblem.of(ProblemCode.ELECTION_NOT_DRAFT, "Election " + electionId + " is " + election.state()
                        + "; a batch can be revoked only before voting opens.");
            }
            CodeBatchRow row = batches.findByIdAndElectionId(batchId, electionId).orElseThrow(() -> notFound(batchId));
            if (row.revoked()) {
                return view(row, 0);
            }
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "DELETE FROM voting_code WHERE batch_id = ? AND election_id = ?")) {
                s.setLong(1, batchId);
                s.setLong(2, electionId);
                s.executeUpdate();
            }
            CodeBatchRow revoked = batches.update(row.revoke());
            audit.record(caller.username(), "CODE_BATCH_REVOKED", electionId, "batch " + batchId,
                    row.codeCount() + " codes, label '" + row.label() + "'");
            return view(revoked, 0);
        });
    }

    public List<CodeBatchView> list(Caller caller, long electionId) {
        return transactions.executeRead(status -> {
            elections.findById(electionId).orElseThrow(() -> electionNotFound(electionId));
            if (!access.canSeeDraft(caller, electionId)) {
                throw ApiProblem.forbidden("You are not an organiser of election " + electionId + ".");
            }
            List<CodeBatchView> out = new ArrayList<>();
            for (CodeBatchRow row : batches.findByElectionIdOrderById(electionId)) {
                try (PreparedStatement s = status.getConnection().prepareStatement(
                        "SELECT COUNT(*) FROM voting_code WHERE batch_id = ? AND used = TRUE")) {
                    s.setLong(1, row.id());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        out.add(view(row, r.getLong(1)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The CSV for the mail merge: {@code code,batch,url}, the URL {@code {bb.public-url}/vote/{election}#CODE} with
     * the code in the fragment (never sent to a server). Without {@code bb.public-url} (BB_PUBLIC_URL) the
     * service's own address.
     */
    public byte[] csv(Issued issued, long electionId) {
        String root = publicUrl.isBlank() ? server.get().getURL().toString() : publicUrl.strip();
        String base = (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/vote/" + electionId;
        ByteArrayOutputStream out = new ByteArrayOutputStream(issued.codes().size() * (60 + base.length()));
        StringBuilder line = new StringBuilder(128);
        line.append("code,batch,url\r\n");
        String batch = csvField(issued.batch().label());
        for (VotingCode code : issued.codes()) {
            String printed = code.printed();
            line.append(printed).append(',').append(batch).append(',').append(csvField(base + "#" + printed)).append("\r\n");
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private ElectionRow lock(Caller caller, long electionId) {
        ElectionRow row = elections.findByIdForUpdate(electionId).orElseThrow(() -> electionNotFound(electionId));
        access.requireWritable(caller, electionId);
        return row;
    }

    /**
     * A CSV field for a mail merge. A value that a spreadsheet would run as a formula (starting with = + - @, a
     * tab or a carriage return) gets a leading apostrophe, the OWASP remedy, so a label can never become a
     * formula; then the usual quoting.
     */
    static String csvField(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static CodeBatchView view(CodeBatchRow row, long used) {
        return new CodeBatchView(row.id(), row.electionId(), row.label(), row.codeCount(), used, row.revoked(),
                row.createdBy(), row.createdAt(), row.district(), row.whileOpen(), row.pending(), row.approvedBy());
    }

    private static ApiProblem notFound(long batchId) {
        return ApiProblem.of(ProblemCode.BATCH_NOT_FOUND, "There is no code batch " + batchId + " in this election.");
    }

    private static ApiProblem electionNotFound(long electionId) {
        return ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + electionId + ".");
    }
}
