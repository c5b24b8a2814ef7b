package nl.buurtbegroting.service.security;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Ends tokens before they expire: signing out refuses every token of the account issued up to that second, and a
 * disabled account can neither log in nor use a token it holds. Kept in the database, so every instance refuses
 * the same tokens at once.
 */
@Singleton
public class AccountSessions {

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public AccountSessions(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    record State(Instant tokensAfter, boolean disabled) {
    }

    Optional<State> state(String username) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT tokens_after, disabled FROM account_session WHERE username = ?")) {
                s.setString(1, key(username));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new State(r.getTimestamp(1).toInstant(), r.getBoolean(2))) : Optional.empty();
                }
            }
        });
    }

    /** Whether a token of {@code username} issued at {@code issuedAt} (whole seconds, as in a JWT) may be used. */
    boolean accepts(String username, Instant issuedAt) {
        return state(username).map(s -> !s.disabled() && issuedAt.isAfter(s.tokensAfter())).orElse(true);
    }

    public boolean disabled(String username) {
        return state(username).map(State::disabled).orElse(false);
    }

    /** Ends every token issued to {@code username} up to now. */
    public void signOut(String username) {
        write(username, null);
    }

    /** Disables (or enables again) the account; disabling also ends its tokens. */
    public void setDisabled(String username, boolean disabled) {
        write(username, disabled);
    }

    private void write(String username, Boolean disabled) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            boolean current = false;
            try (PreparedStatement s = c.prepareStatement("SELECT disabled FROM account_session WHERE username = ?")) {
                s.setString(1, key(username));
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        current = r.getBoolean(1);
                        try (PreparedStatement u = c.prepareStatement(
                                "UPDATE account_session SET tokens_after = ?, disabled = ? WHERE username = ?")) {
                            u.setTimestamp(1, Timestamp.from(now));
                            u.setBoolean(2, disabled != null ? disabled : current);
                            u.setString(3, key(username));
                            u.executeUpdate();
                        }
                        return null;
                    }
                }
            }
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO account_session (username, tokens_after, disabled) VALUES (?, ?, ?)")) {
                i.setString(1, key(username));
                i.setTimestamp(2, Timestamp.from(now));
                i.setBoolean(3, disabled != null && disabled);
                i.executeUpdate();
            }
            return null;
        });
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
