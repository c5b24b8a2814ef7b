package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Casts a ballot: consumes the code and stores the ballot and the sealed receipt in one transaction.
 *
 * <p>Inside the transaction, in this order:
 * <ol>
 *   <li>the election row is locked in share mode ({@code SELECT ... FOR SHARE} on PostgreSQL; H2 has no
 *       shared row lock, so {@code FOR UPDATE}) and must be OPEN. Closing an election locks the same row
 *       {@code FOR UPDATE} before it writes CLOSED, so a close waits for every ballot transaction that
 *       already holds the lock, and a ballot that comes after it reads CLOSED (both databases re-read the
 *       newest committed row once a row lock is granted). A ballot is thus either committed before the
 *       close commits, or refused with ELECTION_NOT_OPEN.</li>
 *   <li>{@code UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE}:
 *       exactly one transaction sees an update count of 1 for a code; the others wait for its row lock and
 *       then see 0 (never check-then-insert).</li>
 *   <li>insert the ballot (random id, canonical content, nonce, commitment, channel, day) and the sealed
 *       receipt for retries; commit. The receipt is returned only after the commit, so an acknowledged
 *       ballot is durable, and a failure anywhere rolls back both the code and the ballot.</li>
 * </ol>
 * When the update count is 0, a sealed receipt for the same code and submission id means a retried
 * request (answered with the original receipt); otherwise the code is used or unknown.
 */
@Singleton
public class BallotStore {

    static final String SUBMISSION_LABEL = "submission";
    static final String SEAL_LABEL = "seal";

    private static final String CONSUME =
            "UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE";
    private static final String INSERT_BALLOT =
            "INSERT INTO ballot (id, election_id, channel, cast_on, content, nonce, commitment) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SUBMISSION =
            "INSERT INTO ballot_submission (lookup, election_id, sealed) VALUES (?, ?, ?)";

    private final TransactionOperations<Connection> transactions;
    private final CodeHasher hasher;
    private final Clock clock;
    private final ZoneId zone;
    /** One generator per thread: a shared SecureRandom is a lock every ballot would queue on. */
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);
    private volatile String electionLock;

    public BallotStore(TransactionOperations<Connection> transactions, CodeHasher hasher, Clock clock,
                       @Property(name = "bb.voting.zone", defaultValue = "Europe/Amsterdam") String zone) {
        this.transactions = transactions;
        this.hasher = hasher;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** A receipt and whether it answers a retry of an earlier, successful submission. */
    public record Cast(Receipt receipt, boolean replayed) {
    }

    /**
     * Casts {@code content} (canonical) with {@code code}. Throws {@link VotingProblem} ELECTION_NOT_FOUND,
     * ELECTION_NOT_OPEN, CODE_ALREADY_USED or UNKNOWN_CODE.
     */
    public Cast cast(long electionId, VotingCode code, String submissionId, String content, Channel channel) {
        byte[] codeHash = hasher.hash(code);
        byte[] lookup = hasher.derive(SUBMISSION_LABEL, code, submissionId);
        byte[] sealKey = hasher.derive(SEAL_LABEL, code, submissionId);
        byte[] contentDigest = sha256(content);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            requireOpen(c, electionId);
            if (consume(c, codeHash, electionId)) {
                Receipt receipt = store(c, electionId, content, channel, lookup, sealKey, contentDigest);
                return new Cast(receipt, false);
            }
            Optional<ReceiptSeal.Opened> earlier = sealedReceipt(c, lookup, electionId, sealKey);
            if (earlier.isPresent() && MessageDigest.isEqual(earlier.get().contentDigest(), contentDigest)) {
                return new Cast(earlier.get().receipt(), true);
            }
            throw codeExists(c, codeHash, electionId) ? VotingProblem.codeAlreadyUsed() : VotingProblem.unknownCode();
        });
    }

    /** Whether the code is the election's and unused, read inside the caller's transaction. */
    boolean unusedInTransaction(Connection c, long electionId, VotingCode code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM voting_code WHERE code_hash = ? AND election_id = ? AND used = FALSE")) {
            s.setBytes(1, hasher.hash(code));
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    boolean codeExistsInTransaction(Connection c, long electionId, VotingCode code) throws SQLException {
        return codeExists(c, hasher.hash(code), electionId);
    }

    /** Locks the election row (shared where the database can) and requires it to be OPEN. */
    void requireOpen(Connection c, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM election WHERE id = ? " + electionLock(c))) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw VotingProblem.electionNotFound(electionId);
                }
                if (!"OPEN".equals(r.getString(1))) {
                    throw VotingProblem.notOpen(electionId);
                }
            }
        }
    }

    private String electionLock(Connection c) throws SQLException {
        String lock = electionLock;
        if (lock == null) {
            String product = c.getMetaData().getDatabaseProductName();
            lock = product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? "FOR SHARE" : "FOR UPDATE";
            electionLock = lock;
        }
        return lock;
    }

    private static boolean consume(Connection c, byte[] codeHash, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CONSUME)) {
            s.setBytes(1, codeHash);
            s.setLong(2, electionId);
            return s.executeUpdate() == 1;
        }
    }

    private Receipt store(Connection c, long electionId, String content, Channel channel, byte[] lookup,
                          byte[] sealKey, byte[] contentDigest) throws SQLException {
        byte[] ballotId = randomBytes(16);
        byte[] nonce = randomBytes(16);
        byte[] receiptId = randomBytes(16);
        byte[] commitment = CanonicalBallot.commitment(electionId, nonce, content);
        LocalDate day = LocalDate.now(clock.withZone(zone));
        try (PreparedStatement s = c.prepareStatement(INSERT_BALLOT)) {
            s.setBytes(1, ballotId);
            s.setLong(2, electionId);
            s.setString(3, channel.name());
            s.setDate(4, Date.valueOf(day));
            s.setString(5, content);
            s.setBytes(6, nonce);
            s.setBytes(7, commitment);
            s.executeUpdate();
        }
        Receipt receipt = new Receipt(HexFormat.of().formatHex(receiptId), HexFormat.of().formatHex(commitment),
                electionId, channel, day);
        try (PreparedStatement s = c.prepareStatement(INSERT_SUBMISSION)) {
            s.setBytes(1, lookup);
            s.setLong(2, electionId);
            s.setBytes(3, ReceiptSeal.seal(sealKey, receipt, contentDigest, random.get()));
            s.executeUpdate();
        }
        Arrays.fill(ballotId, (byte) 0);
        return receipt;
    }

    private static Optional<ReceiptSeal.Opened> sealedReceipt(Connection c, byte[] lookup, long electionId,
                                                              byte[] sealKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT sealed FROM ballot_submission WHERE lookup = ? AND election_id = ?")) {
            s.setBytes(1, lookup);
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? ReceiptSeal.open(sealKey, electionId, r.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static boolean codeExists(Connection c, byte[] codeHash, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM voting_code WHERE code_hash = ? AND election_id = ?")) {
            s.setBytes(1, codeHash);
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.get().nextBytes(b);
        return b;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
