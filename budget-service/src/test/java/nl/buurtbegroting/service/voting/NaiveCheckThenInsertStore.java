package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.signing.ReceiptSigner;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The mistake the voting tests exist to catch, kept so anyone can watch them catch it: read whether the
 * code is unused, then mark it used without looking at the update count, then store the ballot. Two
 * requests with one code both pass the read before either writes. Test code only, and only with
 * {@code -Dbb.test.naive-check-then-insert=true}:
 * <pre>
 * mvn -pl budget-service -am test -Dtest=VotingConcurrencyTest -Dbb.test.naive-check-then-insert=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * must fail (more ballots than codes).
 */
@Singleton
@Replaces(BallotStore.class)
@Requires(property = "bb.test.naive-check-then-insert", value = "true")
class NaiveCheckThenInsertStore extends BallotStore {

    private final TransactionOperations<Connection> transactions;
    private final SecureRandom random = new SecureRandom();

    NaiveCheckThenInsertStore(TransactionOperations<Connection> transactions, CodeHasher hasher, Clock clock,
                              @Property(name = "bb.voting.zone", defaultValue = "Europe/Amsterdam") String zone,
                              ReceiptSigner signer) {
        super(transactions, hasher, clock, zone, signer);
        this.transactions = transactions;
    }

    @Override
    Cast[] castTogether(List<Pending> group) {
        return new Cast[group.size()]; // every ballot takes the naive way below
    }

    @Override
    public Cast castAlone(Pending p) {
        long electionId = p.electionId();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM voting_code WHERE code_hash = ? AND election_id = ? AND used = FALSE")) {
                s.setBytes(1, p.codeHash());
                s.setLong(2, electionId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw VotingProblem.codeAlreadyUsed();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ?")) {
                s.setBytes(1, p.codeHash());
                s.setLong(2, electionId);
                s.executeUpdate();
            }
            byte[] id = new byte[16];
            random.nextBytes(id);
            Prepared ballot = p.ballot();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ballot (id, election_id, channel, cast_on, content, nonce, commitment) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setBytes(1, id);
                s.setLong(2, electionId);
                s.setString(3, ballot.channel().name());
                s.setObject(4, LocalDate.now());
                s.setString(5, ballot.content());
                s.setBytes(6, ballot.nonce());
                s.setBytes(7, ballot.commitment());
                s.executeUpdate();
            }
            requireOpen(c, electionId);
            return new Cast(ballot.receipt(), false);
        });
    }
}
