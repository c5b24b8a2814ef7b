package nl.buurtbegroting.service.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten failed logins a minute from one address, then 429 with Retry-After even for the right password;
 * another address still logs in, and successful logins do not count. The test client stands behind a
 * trusted proxy (127.0.0.1) and names its address in X-Forwarded-For.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.voting.trusted-proxies", value = "127.0.0.1")
class LoginThrottleTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void tenFailedLoginsAMinuteThenTooManyRequestsForThatAddressOnly() {
        for (int i = 0; i < 10; i++) {
            assertEquals(401, login("203.0.113.20", Api.ADMIN, "wrong-" + i).code());
        }
        HttpResponse<?> limited = login("203.0.113.20", Api.ADMIN, Api.ADMIN_PASSWORD);
        assertEquals(429, limited.code(), "the right password waits too: the guesser cannot tell");
        assertTrue(limited.getContentType().map(MediaType::toString).orElse("").startsWith("application/problem+json"));
        assertTrue(limited.getBody(String.class).orElse("").contains("\"code\":\"TOO_MANY_FAILED_LOGINS\""));
        long seconds = Long.parseLong(limited.getHeaders().get("Retry-After"));
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After " + seconds);
        assertEquals(200, login("198.51.100.20", Api.ADMIN, Api.ADMIN_PASSWORD).code(), "another address logs in");
    }

    @Test
    void successfulLoginsDoNotCount() {
        for (int i = 0; i < 30; i++) {
            assertEquals(200, login("192.0.2.20", Api.ADMIN, Api.ADMIN_PASSWORD).code());
        }
    }

    private HttpResponse<?> login(String address, String username, String password) {
        HttpRequest<?> request = HttpRequest.POST("/api/login", Map.of("username", username, "password", password))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Forwarded-For", address);
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
