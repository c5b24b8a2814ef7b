package nl.buurtbegroting.service;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import nl.buurtbegroting.core.json.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thin client over the real HTTP client: raw JSON in, status + content type + parsed JSON out. */
public final class Api {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "a-long-enough-password";

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final BlockingHttpClient http;
    private final JsonMapper json;

    public Api(HttpClient client, JsonMapper json) {
        this.http = client.toBlocking();
        this.json = json;
    }

    public record Res(int status, String contentType, String body, HttpResponse<?> response, JsonMapper json) {

        /** The answer as a JSON object, read by core's strict parser (a repeated member name fails the test). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) plain(JsonParser.object(parsed()));
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) plain(JsonParser.array(parsed()));
        }

        private Object parsed() {
            return JsonParser.STANDARD.parse("answer", body.getBytes(StandardCharsets.UTF_8));
        }

        public Object get(String key) {
            return map().get(key);
        }

        public long id() {
            return ((Number) map().get("id")).longValue();
        }

        /** Asserts an error: status, problem+json, the stable code and its type URI. */
        public Map<String, Object> problem(int expectedStatus, String code) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            assertTrue(contentType != null && contentType.startsWith("application/problem+json"),
                    () -> "content type " + contentType);
            Map<String, Object> problem = map();
            assertEquals(code, problem.get("code"), () -> "code of " + body);
            assertEquals("https://buurtbegroting.nl/problems/" + code.toLowerCase().replace('_', '-'), problem.get("type"));
            assertEquals(expectedStatus, ((Number) problem.get("status")).intValue());
            return problem;
        }

        /** Asserts a 400 validation problem naming {@code field}, with {@code violationCode} among its violations. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> invalid(String field, String violationCode) {
            Map<String, Object> problem = problem(400, "VALIDATION_FAILED");
            assertEquals(field, problem.get("field"), () -> "field of " + body);
            List<Map<String, Object>> violations = (List<Map<String, Object>>) problem.get("violations");
            assertTrue(violations.stream().anyMatch(v -> field.equals(v.get("field")) && violationCode.equals(v.get("code"))),
                    () -> "violations of " + body);
            return problem;
        }

        public Res ok(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            return this;
        }
    }

    /**
     * Numbers as the tests write them: an integer that fits an {@code int} as Integer (so {@code Map.of("cap", 40_000)}
     * compares equal), a fraction as Double; core's parser keeps every number exact as Long, BigInteger or BigDecimal.
     */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, plain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Long n && n == n.intValue()) {
            return n.intValue();
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        return value;
    }

    public Res call(HttpMethod method, String path, Object body, String token) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path);
        if (body != null) {
            request.body(body instanceof String text ? text : write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            HttpResponse<String> response = http.exchange(request, String.class);
            return new Res(response.code(), response.getContentType().map(MediaType::toString).orElse(null),
                    response.getBody().orElse(""), response, json);
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            return new Res(response.code(), response.getContentType().map(MediaType::toString).orElse(null),
                    response.getBody(String.class).orElse(""), response, json);
        }
    }

    public Res get(String path, String token) {
        return call(HttpMethod.GET, path, null, token);
    }

    public Res post(String path, Object body, String token) {
        return call(HttpMethod.POST, path, body, token);
    }

    public Res patch(String path, Object body, String token) {
        return call(HttpMethod.PATCH, path, body, token);
    }

    public String login(String username, String password) {
        Res res = post("/api/login", Map.of("username", username, "password", password), null).ok(200);
        return (String) res.get("access_token");
    }

    public String adminToken() {
        return login(ADMIN, ADMIN_PASSWORD);
    }

    /** Creates an account as admin and logs it in. */
    public String account(String adminToken, String username, String role, List<Long> elections) {
        post("/api/accounts", Map.of("username", username, "password", PASSWORD, "role", role,
                "elections", elections), adminToken).ok(201);
        return login(username, PASSWORD);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete, openable election body (without proposals). */
    public static Map<String, Object> election(String name) {
        return Map.of("name", name, "neighbourhood", "Assen-Oost", "budget", 100_000, "currency", "EUR",
                "categories", List.of(Map.of("name", "groen", "cap", 40_000), Map.of("name", "jongeren")),
                "ballot", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 5),
                "rule", "greedy");
    }

    public static Map<String, Object> proposal(String title, long cost, String category, String verdict) {
        return Map.of("title", title, "summary", "Een voorstel", "cost", cost, "category", category, "verdict", verdict);
    }

    /**
     * A draft with eligible proposals a (30,000), b (20,000), c (60,000) in category "jongeren" and an approval
     * ballot of 1 to 2, plus the members in {@code extra}; returns its id.
     */
    public long draftWithThreeProposals(String token, String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(election(name));
        body.put("ballot", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2));
        body.putAll(extra);
        long id = post("/api/elections", body, token).ok(201).id();
        for (String[] p : new String[][] {{"a", "30000"}, {"b", "20000"}, {"c", "60000"}}) {
            Map<String, Object> proposal = new HashMap<>(proposal("Voorstel " + p[0], Long.parseLong(p[1]), "jongeren", "ELIGIBLE"));
            proposal.put("code", p[0]);
            post("/api/elections/" + id + "/proposals", proposal, token).ok(201);
        }
        return id;
    }

    /** Issues {@code n} codes in one batch (answered at once, 201) and returns them as printed. */
    public List<String> issueCodes(String token, long election, int n, String label) {
        return codesOfCsv(post("/api/elections/" + election + "/code-batches", Map.of("count", n, "label", label), token)
                .ok(201).body());
    }

    /** The codes of a code batch's CSV (a header line, then one code first on each line), as printed. */
    public static List<String> codesOfCsv(String csv) {
        String[] lines = csv.split("\r\n");
        assertEquals("code,batch,url", lines[0]);
        List<String> codes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            codes.add(lines[i].substring(0, lines[i].indexOf(',')));
        }
        return codes;
    }

    /** A fresh random submission id (128 bits, hex), as the vote page makes one. */
    public static String submissionId() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Creates a draft election with one eligible proposal, ready to open; returns its id. */
    public long openableElection(String token, String name) {
        long id = post("/api/elections", election(name), token).ok(201).id();
        post("/api/elections/" + id + "/proposals", proposal("Speeltuin", 20_000, "groen", "ELIGIBLE"), token).ok(201);
        return id;
    }
}
