package nl.buurtbegroting.service.manage;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaffSessionsTest {

    /** A clock the test moves by hand. */
    static final class Hand extends Clock {
        Instant now = Instant.parse("2026-03-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Hand clock = new Hand();
    final StaffSessions sessions = new StaffSessions(Duration.ofMinutes(30), clock);

    @Test
    void aSessionLivesWhileUsedAndEndsAfterThirtyIdleMinutes() {
        String cookie = sessions.start("wijkteam");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertEquals("wijkteam", sessions.touch(cookie).orElseThrow().username());
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.touch(cookie).isPresent(), "each request resets the idle clock");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertFalse(sessions.touch(cookie).isPresent());
        clock.now = clock.now.minus(Duration.ofMinutes(31));
        assertFalse(sessions.touch(cookie).isPresent(), "a timed-out session is gone for good");
    }

    @Test
    void cookiesAreUnguessableAndEachSessionHasItsOwnCsrfToken() {
        String a = sessions.start("wijkteam");
        String b = sessions.start("wijkteam");
        assertNotEquals(a, b);
        assertEquals(43, a.length(), "256 random bits, base64url");
        assertNotEquals(sessions.touch(a).orElseThrow().csrf(), sessions.touch(b).orElseThrow().csrf());
        assertFalse(sessions.touch(a.substring(0, 42) + (a.charAt(42) == 'A' ? 'B' : 'A')).isPresent());
        assertFalse(sessions.touch(null).isPresent());
        assertFalse(sessions.touch("short").isPresent());
    }

    @Test
    void signingOutOrChangingThePasswordEndsSessions() {
        String a = sessions.start("wijkteam");
        String b = sessions.start("Wijkteam");
        String other = sessions.start("collega");
        sessions.end(a);
        assertFalse(sessions.touch(a).isPresent());
        assertTrue(sessions.touch(b).isPresent());
        sessions.endAllFor("wijkteam");
        assertFalse(sessions.touch(b).isPresent(), "names compare without case, as accounts will");
        assertTrue(sessions.touch(other).isPresent());
    }

    @Test
    void theCookieIsSecureWhenThePageCameOverTls() {
        var plain = io.micronaut.http.HttpRequest.GET("/manage");
        var proxied = io.micronaut.http.HttpRequest.GET("/manage").header("X-Forwarded-Proto", "https");
        var cookie = sessions.cookie(plain, "v");
        assertTrue(cookie.isHttpOnly());
        assertEquals(java.util.Optional.of(io.micronaut.http.cookie.SameSite.Strict), cookie.getSameSite());
        assertEquals("/manage", cookie.getPath());
        assertFalse(cookie.isSecure(), "plain http on a developer's machine");
        assertTrue(sessions.cookie(proxied, "v").isSecure(), "TLS ended at the proxy");
        assertTrue(sessions.cleared(proxied).isSecure());
    }

    @Test
    void theCsrfCheckNeedsTheExactToken() {
        assertTrue(Manage.tokenMatches("abc", "abc"));
        assertFalse(Manage.tokenMatches("abc", "abd"));
        assertFalse(Manage.tokenMatches("abc", ""));
        assertFalse(Manage.tokenMatches("abc", null));
    }
}
