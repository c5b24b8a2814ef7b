package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionAccess;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ApiProblem;

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

    /** Most codes in one batch. */
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
    private final String voteUrl;
    private final SecureRandom random = new SecureRandom();

    public CodeBatchService(TransactionOperations<Connection> transactions, ElectionRepository elections,
                            CodeBatchRepository batches, ElectionAccess access, AuditLog audit, CodeHasher hasher,
                            BallotStore ballots, Clock clock,
                            @Property(name = "bb.voting.vote-url", defaultValue = "http://localhost:8080/vote/{election}")
                            String voteUrl) {
        this.transactions = transactions;
        this.elections = elections;
        this.batches = batches;
        this.access = access;
        this.audit = audit;
        this.hasher = hasher;
        this.ballots = ballots;
        this.clock = clock;
        this.voteUrl = voteUrl;
    }

    /** A new batch and its codes, which the caller must hand out and forget. */
    public record Issued(CodeBatchView batch, List<VotingCode> codes) {
    }

    public Issued issue(Caller caller, long electionId, CodeBatchRequest request) {
        List<VotingCode> codes = new ArrayList<>(request.count());
        List<byte[]> hashes = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            VotingCode code = VotingCode.random(random);
            codes.add(code);
            hashes.add(hasher.hash(code));
        }
        String label = request.label().strip();
        CodeBatchView view = transactions.executeWrite(status -> {
            ElectionRow election = elections.findById(electionId).orElseThrow(() -> electionNotFound(electionId));
            access.requireWritable(caller, electionId);
            requireIssuable(electionId, election.state());
            CodeBatchRow row = batches.save(new CodeBatchRow(null, electionId, label, codes.size(), false,
                    caller.username(), Instant.now(clock)));
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
            audit.record(caller.username(), "CODE_BATCH_ISSUED", electionId, "batch " + row.id(),
                    row.codeCount() + " codes, label '" + label + "'");
            return view(row, 0);
        });
        return new Issued(view, codes);
    }

    private static void requireIssuable(long electionId, ElectionState state) {
        if (state != ElectionState.DRAFT && state != ElectionState.OPEN) {
            throw ApiProblem.conflict("ELECTION_NOT_DRAFT_OR_OPEN", "Election " + electionId + " is "
                    + state + "; codes are issued before or during voting only.");
        }
    }

    /** Revokes a batch before voting opens: its codes are deleted, so they are unknown from then on. */
    public CodeBatchView revoke(Caller caller, long electionId, long batchId) {
        return transactions.executeWrite(status -> {
            ElectionRow election = lock(caller, electionId);
            if (election.state() != ElectionState.DRAFT) {
                throw ApiProblem.conflict("ELECTION_NOT_DRAFT", "Election " + electionId + " is " + election.state()
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

    /** The CSV for the mail merge: {@code code,batch,url}, the code in the URL's fragment (never sent to a server). */
    public byte[] csv(Issued issued, long electionId) {
        String base = voteUrl.replace("{election}", Long.toString(electionId));
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

    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static CodeBatchView view(CodeBatchRow row, long used) {
        return new CodeBatchView(row.id(), row.electionId(), row.label(), row.codeCount(), used, row.revoked(),
                row.createdBy(), row.createdAt());
    }

    private static ApiProblem notFound(long batchId) {
        return ApiProblem.notFound("BATCH_NOT_FOUND", "There is no code batch " + batchId + " in this election.");
    }

    private static ApiProblem electionNotFound(long electionId) {
        return ApiProblem.notFound("ELECTION_NOT_FOUND", "There is no election " + electionId + ".");
    }
}
