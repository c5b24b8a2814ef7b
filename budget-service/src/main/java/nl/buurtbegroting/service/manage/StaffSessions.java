package nl.buurtbegroting.service.manage;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The staff sessions of the organiser pages, kept in memory: a restart signs every staff member out, and with
 * several instances behind a load balancer a session lives on one of them only (use sticky sessions, or sign
 * in again). The cookie holds 256 random bits; the map is keyed by their SHA-256, so neither a heap dump nor a
 * log line carries a usable cookie. A session ends after {@code bb.manage.idle-timeout} (30 minutes) without a
 * request, on sign-out, and when its account is changed (see {@link #endAllFor}).
 */
@Singleton
public class StaffSessions {

    public static final String COOKIE = "bb_staff";

    /** One signed-in staff member: the account's name and the session's CSRF token. */
    record Entry(String username, String csrf, Instant lastSeen) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Clock clock;

    StaffSessions(@Value("${bb.manage.idle-timeout:30m}") Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** Starts a session; returns the cookie's value (never stored as such). */
    String start(String username) {
        sweep();
        String value = token();
        sessions.put(key(value), new Entry(username, token(), clock.instant()));
        return value;
    }

    /** The live session for a cookie's value, its idle clock reset; empty when unknown or timed out. */
    Optional<Entry> touch(String value) {
        if (value == null || value.length() != 43) {
            return Optional.empty();
        }
        String key = key(value);
        Instant now = clock.instant();
        Entry entry = sessions.computeIfPresent(key, (k, e) ->
                e.lastSeen().plus(idle).isBefore(now) ? null : new Entry(e.username(), e.csrf(), now));
        return Optional.ofNullable(entry);
    }

    void end(String value) {
        if (value != null) {
            sessions.remove(key(value));
        }
    }

    /** Signs an account out everywhere: after a password reset, a disabled account or a changed role. */
    public void endAllFor(String username) {
        sessions.values().removeIf(e -> e.username().equalsIgnoreCase(username));
    }

    Duration idle() {
        return idle;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure when the page came over TLS, for /manage only. */
    Cookie cookie(HttpRequest<?> request, String value) {
        return Cookie.of(COOKIE, value).path("/manage").httpOnly(true).sameSite(SameSite.Strict)
                .secure(secure(request));
    }

    Cookie cleared(HttpRequest<?> request) {
        return Cookie.of(COOKIE, "").path("/manage").httpOnly(true).sameSite(SameSite.Strict)
                .secure(secure(request)).maxAge(0);
    }

    /** TLS at this server, or at a proxy that says so. */
    static boolean secure(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    private void sweep() {
        Instant cutoff = clock.instant().minus(idle);
        sessions.values().removeIf(e -> e.lastSeen().isBefore(cutoff));
    }

    /** A fresh random token (256 bits, base64url), e.g. for the sign-in form's own CSRF pair. */
    String newToken() {
        return token();
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
