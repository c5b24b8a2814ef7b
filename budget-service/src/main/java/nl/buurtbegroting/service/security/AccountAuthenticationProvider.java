package nl.buurtbegroting.service.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Checks a username and password against the stored PBKDF2 hash. Runs on the blocking executor (the
 * default of {@link HttpRequestExecutorAuthenticationProvider}) because it reads the database and the
 * hash is deliberately slow. An unknown user costs as much time as a wrong password and gets the same
 * answer, so accounts cannot be discovered by probing.
 */
@Singleton
class AccountAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    private final AccountSessions sessions;

    AccountAuthenticationProvider(AccountRepository accounts, PasswordHasher hasher, AccountSessions sessions) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    /** Names are compared ignoring case; an exact match first (an older version allowed names differing in case). */
    private java.util.Optional<Account> find(String username) {
        return accounts.findForSignIn(username);
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                                        @NonNull AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        char[] password = credentials.getSecret() == null ? new char[0] : credentials.getSecret().toCharArray();
        var account = username == null || username.length() > 64 ? java.util.Optional.<Account>empty() : find(username);
        if (account.isEmpty()) {
            hasher.burn(password);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        if (!hasher.matches(password, account.get().passwordHash()) || sessions.disabled(account.get().username())) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        return AuthenticationResponse.success(account.get().username(), List.of(account.get().role().name()));
    }
}
