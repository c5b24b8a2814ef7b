package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.signing.ReceiptSigner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Casts a ballot: consumes the code and stores the ballot and the sealed receipt in one transaction.
 *
 * <p>The random ballot id and nonce, the commitment, the receipt and its seal are made before the
 * transaction, so that locks are held only while statements run. Inside it, in this order:
 * <ol>
 *   <li>{@code UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE}:
 *       exactly one transaction sees an update count of 1 for a code; the others wait for its row lock and
 *       then see 0 (never check-then-insert);</li>
 *   <li>insert the ballot (random id, canonical content, nonce, commitment, channel, day) and the sealed
 *       receipt for retries;</li>
 *   <li>last, lock the election row ({@code SELECT ... FOR SHARE} on PostgreSQL; H2 has no shared row lock,
 *       so {@code FOR UPDATE}) and require OPEN; the lock is held to the commit. Closing locks the same row
 *       {@code FOR UPDATE} before it writes CLOSED, so a close either waits for this commit, or commits
 *       first and this transaction then reads CLOSED (both databases return the newest committed row once a
 *       row lock is granted) and rolls back with ELECTION_NOT_OPEN. No deadlock: the close takes no code or
 *       ballot row, and every ballot takes the election row last.</li>
 * </ol>
 * The receipt is returned only after the commit, so an acknowledged ballot is durable, and a failure
 * anywhere rolls back both the code and the ballot. When the update count is 0, a sealed receipt for the
 * same code and submission id means a retried request (answered with the original receipt); otherwise the
 * code is used or unknown.
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
    private final ReceiptSigner signer;
    /** One generator per thread: a shared SecureRandom is a lock every ballot would queue on. */
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);
    private volatile String electionLock;

    public BallotStore(TransactionOperations<Connection> transactions, CodeHasher hasher, Clock clock,
                       @Property(name = "bb.voting.zone", defaultValue = "Europe/Amsterdam") String zone,
                       ReceiptSigner signer) {
        this.transactions = transactions;
        this.hasher = hasher;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.signer = signer;
    }

    /** A receipt and whether it answers a retry of an earlier, successful submission. */
    public record Cast(ReceiptView receipt, boolean replayed) {
    }

    /**
     * Casts {@code ballot} with {@code code}. Throws {@link VotingProblem} ELECTION_NOT_FOUND,
     * ELECTION_NOT_OPEN, CODE_ALREADY_USED or UNKNOWN_CODE.
     */
    public Cast cast(long electionId, VotingCode code, String submissionId, StoredBallot checked, Channel channel) {
        byte[] codeHash = hasher.hash(code);
        byte[] lookup = hasher.derive(SUBMISSION_LABEL, code, submissionId);
        byte[] sealKey = hasher.derive(SEAL_LABEL, code, submissionId);
        byte[] contentDigest = sha256(checked.content());
        // Everything that needs no database is computed before the transaction, so locks are held briefly.
        Prepared ballot = prepare(electionId, checked, channel, sealKey, contentDigest);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (consume(c, codeHash, electionId)) {
                insert(c, electionId, ballot, lookup);
                // The election lock is taken last and held to the commit: a close either waits for this
                // commit or has committed already, and then this reads CLOSED and everything rolls back.
                requireOpen(c, electionId, channel == Channel.ONLINE);
                return new Cast(ballot.receipt(), false);
            }
            // A retry of a ballot that was stored gets its receipt, even once the election has closed.
            Optional<ReceiptSeal.Opened> earlier = sealedReceipt(c, lookup, electionId, sealKey);
            if (earlier.isPresent() && MessageDigest.isEqual(earlier.get().contentDigest(), contentDigest)) {
                return new Cast(earlier.get().receipt(), true);
            }
            requireOpen(c, electionId);
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
        requireOpen(c, electionId, false);
    }

    /**
     * Locks the election row and requires it to be OPEN and, with {@code inWindow}, the clock to be within
     * {@code votingOpens} and {@code votingCloses} (read here, under the lock, so an extension made on any
     * instance holds at once). Online ballots are held to the window; paper forms are keyed by staff after
     * they arrive, so only the state bounds them.
     */
    void requireOpen(Connection c, long electionId, boolean inWindow) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, voting_opens, voting_closes FROM election WHERE id = ? "
                + electionLock(c))) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw VotingProblem.electionNotFound(electionId);
                }
                if (!"OPEN".equals(r.getString(1))) {
                    throw VotingProblem.notOpen(electionId);
                }
                if (inWindow) {
                    Instant opens = instant(r.getTimestamp(2));
                    Instant closes = instant(r.getTimestamp(3));
                    Instant now = clock.instant();
                    if (opens != null && now.isBefore(opens)) {
                        throw VotingProblem.outsideWindow(electionId, opens, closes, true);
                    }
                    if (closes != null && !now.isBefore(closes)) {
                        throw VotingProblem.outsideWindow(electionId, opens, closes, false);
                    }
                }
            }
        }
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * The election's state, its row locked to the end of the transaction the way a ballot locks it: shared
     * on PostgreSQL (ballots do not wait for each other, a close waits for them all), exclusive on H2, which
     * has no shared row lock. ELECTION_NOT_FOUND when there is no such election.
     */
    String lockedState(Connection c, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM election WHERE id = ? " + electionLock(c))) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw VotingProblem.electionNotFound(electionId);
                }
                return r.getString(1);
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

    /** A ballot ready to insert: random id and nonce, commitment, receipt and its seal. */
    private record Prepared(byte[] id, byte[] nonce, byte[] commitment, String content, Channel channel, LocalDate day,
                            ReceiptView receipt, byte[] sealed) {
    }

    private Prepared prepare(long electionId, StoredBallot checked, Channel channel, byte[] sealKey, byte[] contentDigest) {
        byte[] ballotId = randomBytes(16);
        byte[] nonce = randomBytes(16);
        LocalDate day = LocalDate.now(clock.withZone(zone));
        // The signed receipt's leaf hash is the commitment: docs/verification.md §2.3 and §3.
        ReceiptSigner.Signed signed = signer.sign(electionId, checked.published(nonce));
        byte[] commitment = signed.leafHash();
        ReceiptView receipt = new ReceiptView(HexFormat.of().formatHex(randomBytes(16)), HexFormat.of().formatHex(commitment),
                electionId, channel, day, signed.json());
        byte[] sealed = ReceiptSeal.seal(sealKey, receipt, signed.file(), contentDigest, random.get());
        return new Prepared(ballotId, nonce, commitment, checked.content(), channel, day, receipt, sealed);
    }

    private static void insert(Connection c, long electionId, Prepared ballot, byte[] lookup) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_BALLOT)) {
            s.setBytes(1, ballot.id());
            s.setLong(2, electionId);
            s.setString(3, ballot.channel().name());
            s.setObject(4, ballot.day());
            s.setString(5, ballot.content());
            s.setBytes(6, ballot.nonce());
            s.setBytes(7, ballot.commitment());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_SUBMISSION)) {
            s.setBytes(1, lookup);
            s.setLong(2, electionId);
            s.setBytes(3, ballot.sealed());
            s.executeUpdate();
        }
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
