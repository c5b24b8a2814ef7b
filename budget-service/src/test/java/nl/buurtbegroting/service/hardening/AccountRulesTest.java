package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11, fault 17: weak and placeholder passwords are refused, and names differing only in case are one name. */
@MicronautTest(transactional = false)
class AccountRulesTest extends ApiTestBase {

    @Test
    void weakPasswordsAreRefusedNamingThePassword() {
        for (String weak : List.of("aaaaaaaaaaaa", "abababababab", "123456789012", "Password1234", "<at least 12 characters>",
                "wachtwoord123")) {
            api.post("/api/accounts", Map.of("username", "renate", "password", weak, "role", "AUDITOR"), admin)
                    .invalid("password", "WEAK_PASSWORD");
        }
        api.post("/api/accounts", Map.of("username", "renate", "password", "paard-batterij-niet", "role", "AUDITOR"), admin).ok(201);
    }

    /**
     * A lone surrogate was hashed as the UTF-8 of '?', so "…\\ud800" and "…?" were one password; a control character
     * cannot be typed on the sign-in page. Both are refused; an emoji (a whole surrogate pair) is a character like any.
     */
    @Test
    void passwordsWithBrokenOrControlCharactersAreRefused() {
        for (String escaped : List.of("paard-batterij\\ud800", "paard-\\udc00batterij", "paard-batterij\\u0000",
                "paard\\tbatterij-niet", "paard-batterij\\u007f")) {
            api.post("/api/accounts", "{\"username\":\"teun\",\"password\":\"" + escaped + "\",\"role\":\"AUDITOR\"}", admin)
                    .invalid("password", "WEAK_PASSWORD");
        }
        api.post("/api/accounts", "{\"username\":\"teun\",\"password\":\"paard-batterij-\\ud83d\\udc34\",\"role\":\"AUDITOR\"}",
                admin).ok(201);
        api.post("/api/login", Map.of("username", "teun", "password", "paard-batterij-\uD83D\uDC34"), null).ok(200);
    }

    @Test
    void namesThatDifferOnlyInCaseAreOneName() {
        api.post("/api/accounts", Map.of("username", "Kees", "password", Api.PASSWORD, "role", "AUDITOR"), admin).ok(201);
        api.post("/api/accounts", Map.of("username", "kees", "password", Api.PASSWORD, "role", "ADMIN"), admin)
                .problem(409, "USERNAME_TAKEN");
        api.post("/api/accounts", Map.of("username", "KEES", "password", Api.PASSWORD, "role", "ADMIN"), admin)
                .problem(409, "USERNAME_TAKEN");
        api.login("kees", Api.PASSWORD);
    }

    @Test
    void aNameWithNulIsAnUnknownNameNotAServerError() {
        // PostgreSQL cannot compare text holding NUL: this was a 500 on the PostgreSQL pass of the property suite.
        api.post("/api/login", "{\"username\":\"ad\\u0000min\",\"password\":\"x\"}", null).ok(401);
        api.post("/api/accounts/a%00b/disable", null, admin).problem(404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void anElectionNamedTwiceIsGrantedOnceNotAServerError() {
        long election = Lifecycle.draft(api, admin, "Twee keer");
        // Was a 500: the second grant row broke the unique index (and nothing was stored).
        Map<String, Object> created = api.post("/api/accounts", Map.of("username", "wijkteam-twee", "password", Api.PASSWORD,
                "role", "ORGANISER", "elections", List.of(election, election)), admin).ok(201).map();
        assertEquals(List.of(election), ((List<?>) created.get("elections")).stream().map(e -> ((Number) e).longValue()).toList());
    }

    @Test
    void aGrantFindsTheAccountWhateverTheCaseOfItsName() {
        long election = Lifecycle.draft(api, admin, "Hoofdletters");
        api.post("/api/accounts", Map.of("username", "Wijkteam-Noord", "password", Api.PASSWORD, "role", "ORGANISER"), admin).ok(201);
        // Disabling found 'WIJKTEAM-NOORD' but granting answered 404 ACCOUNT_NOT_FOUND for the same name.
        Map<String, Object> granted = api.post("/api/accounts/WIJKTEAM-NOORD/elections/" + election, null, admin).ok(200).map();
        assertEquals("Wijkteam-Noord", granted.get("username"));
        assertEquals(List.of(election), ((List<?>) granted.get("elections")).stream().map(e -> ((Number) e).longValue()).toList());
        api.post("/api/accounts/wijkteam-noord/elections/" + election, null, admin).ok(200);
    }

    @Test
    void accountsMadeAtTheSameMomentUnderOneNameGiveOneAccountAndNoServerError() throws Exception {
        List<Api.Res> answers = atOnce(8, i -> api.post("/api/accounts", Map.of("username", i % 2 == 0 ? "tweeling" : "TWEELING",
                "password", Api.PASSWORD, "role", "ORGANISER"), admin));
        // Was: several 500s (the exact-name unique index) and both 'tweeling' and 'TWEELING' stored.
        assertEquals(1, answers.stream().filter(r -> r.status() == 201).count(), answers::toString);
        answers.stream().filter(r -> r.status() != 201).forEach(r -> r.problem(409, "USERNAME_TAKEN"));
        assertEquals(1, api.get("/api/accounts", admin).list().stream()
                .filter(a -> "tweeling".equalsIgnoreCase((String) a.get("username"))).count());
        long election = Lifecycle.draft(api, admin, "Gelijktijdig");
        List<Api.Res> grants = atOnce(8, i -> api.post("/api/accounts/tweeling/elections/" + election, null, admin));
        // Was: a 500 for each grant that lost the race to the unique index.
        grants.forEach(r -> r.ok(200));
        assertEquals(List.of(election), ((List<?>) api.post("/api/accounts/tweeling/elections/" + election, null, admin).ok(200)
                .get("elections")).stream().map(e -> ((Number) e).longValue()).toList());
    }

    private static List<Api.Res> atOnce(int n, java.util.function.IntFunction<Api.Res> call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Res>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(k);
                }));
            }
            start.countDown();
            List<Api.Res> out = new java.util.ArrayList<>();
            for (var f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
