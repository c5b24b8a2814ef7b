package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, fault 2: parallel wrong passwords from one address are counted while in flight, so no more than
 * the limit (10 a minute) are ever checked. Slow hashes (100,000 rounds) keep the attempts overlapping.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.voting.trusted-proxies", value = "127.0.0.1")
@Property(name = "bb.security.password-iterations", value = "100000")
@Property(name = "bb.security.login-concurrency", value = "64")
class ParallelLoginTest {

    @Inject
    EmbeddedServer server;

    @Test
    void sixteenParallelWrongPasswordsGiveAtMostTenRefusalsAndTheRestWait() {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.add(http.sendAsync(login("203.0.113.77", Api.ADMIN, "wrong-password-" + i), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = all.stream().map(CompletableFuture::join).toList();
        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(10L, byStatus.getOrDefault(401, 0L), byStatus::toString);
        assertEquals(6L, byStatus.getOrDefault(429, 0L), byStatus::toString);
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 429) {
                assertTrue(r.body().contains("\"code\":\"TOO_MANY_FAILED_LOGINS\""), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void rightPasswordsAreTakenBackOnceTheyAnswer() {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.add(http.sendAsync(login("203.0.113.78", Api.ADMIN, Api.ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> byStatus = all.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        // In flight they count like any attempt (at most 10 at once from one address), so some may wait...
        assertTrue(byStatus.getOrDefault(200, 0L) >= 10 && !byStatus.containsKey(401), byStatus::toString);
        // ...but once answered they are taken back: the address is not held back at all.
        for (int i = 0; i < 12; i++) {
            assertEquals(200, http.sendAsync(login("203.0.113.78", Api.ADMIN, Api.ADMIN_PASSWORD),
                    HttpResponse.BodyHandlers.ofString()).join().statusCode());
        }
    }

    HttpRequest login(String address, String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        return HttpRequest.newBuilder(URI.create(server.getURL() + "/api/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
