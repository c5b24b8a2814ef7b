package nl.buurtbegroting.service.hardening;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.service.Api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, proof at scale: generated requests, valid and broken, to every endpoint of a running service. Never a 5xx;
 * every 4xx is problem+json with a stable code and its type URI; afterwards every election that voted still closes,
 * tallies, publishes and verifies. {@code jqwik.tries.default} sets the number of requests (1,000 by default, as in
 * CI; the documented run used {@code -Djqwik.tries.default=10000}). Runs on H2, or on PostgreSQL when
 * {@code BB_TEST_PG_URL} is set, like every service test.
 */
class ApiPropertiesTest {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static ApplicationContext context;
    private static String base;
    private static String admin;
    private static long open;
    private static List<String> codes;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final Map<Integer, AtomicLong> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeContainer
    static void start() throws Exception {
        context = ApplicationContext.builder().environments("test")
                .properties(Map.of("bb.security.login-rate-limit.per-minute", 100000, "bb.security.login-rate-limit.per-hour",
                        1000000, "bb.voting.rate-limit.per-minute", 100000, "bb.voting.rate-limit.per-hour", 1000000))
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        base = server.getURL().toString();
        Api api = new Api(context.createBean(io.micronaut.http.client.HttpClient.class, server.getURL()), context.getBean(JsonMapper.class));
        admin = api.adminToken();
        open = Lifecycle.draft(api, admin, "Fuzz open");
        codes = Lifecycle.issue(api, admin, open, 200, "fuzz");
        api.post("/api/elections/" + open + "/open", null, admin).ok(200);
        Lifecycle.draft(api, admin, "Fuzz draft");
    }

    @AfterContainer
    static void everyElectionStillTalliesPublishesAndVerifies() throws Exception {
        try {
            Api api = new Api(context.createBean(io.micronaut.http.client.HttpClient.class, new java.net.URL(base)),
                    context.getBean(JsonMapper.class));
            List<Map<String, Object>> all = api.get("/api/elections", admin).ok(200).list();
            int published = 0;
            for (Map<String, Object> e : all) {
                long id = ((Number) e.get("id")).longValue();
                String state = (String) e.get("state");
                String path = "/api/elections/" + id;
                if (state.equals("DRAFT")) {
                    if (api.post(path + "/open", null, admin).status() != 200) {
                        continue; // a generated draft may be incomplete: that is an answer, not a fault
                    }
                    state = "OPEN";
                }
                if (state.equals("OPEN")) {
                    api.post(path + "/close", null, admin).ok(200);
                    state = "CLOSED";
                }
                if (state.equals("CLOSED")) {
                    api.post(path + "/tally", null, admin).ok(200);
                    state = "TALLIED";
                }
                if (state.equals("TALLIED")) {
                    api.post(path + "/publish", Map.of("councilDecision", "Besluit " + id), admin).ok(200);
                }
                Map<String, Object> result = api.get(path + "/result", null).ok(200).map();
                Lifecycle.verify(context.createBean(io.micronaut.http.client.HttpClient.class, new java.net.URL(base)), result, id);
                published++;
            }
            System.out.printf("ApiPropertiesTest: %d requests, statuses %s, %d of %d elections published and verified%n",
                    REQUESTS.get(), STATUSES, published, all.size());
            assertTrue(published >= 1);
        } finally {
            context.close();
        }
    }

    record Call(String method, String path, String body, String token) {
    }

    @Property
    void noAnswerIsA5xxAndEvery4xxIsAProblemWithAStableCode(@ForAll("calls") Call call) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path()));
        if (call.token() != null) {
            b.header("Authorization", "Bearer " + call.token());
        }
        HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body());
        if (call.body() != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.method(call.method(), body).build(), HttpResponse.BodyHandlers.ofString());
        REQUESTS.incrementAndGet();
        STATUSES.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
        assertTrue(r.statusCode() < 500, () -> call + " -> " + r.statusCode() + " " + r.body());
        if (r.statusCode() >= 400) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("application/problem+json"), () -> call + " -> " + r.statusCode() + " " + type);
            Map<String, Object> problem = JsonParser.object(JsonParser.STANDARD.parse("problem", r.body()));
            String code = (String) problem.get("code");
            assertTrue(code != null && CODE.matcher(code).matches(), () -> call + " -> " + r.body());
            assertTrue(nl.buurtbegroting.service.problem.ProblemCode.find(code).isPresent(),
                    () -> "a code without Dutch and English texts: " + call + " -> " + r.body());
            assertEquals("https://buurtbegroting.nl/problems/" + code.toLowerCase().replace('_', '-'), problem.get("type"));
            assertEquals(r.statusCode(), ((Number) problem.get("status")).intValue());
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> token = Arbitraries.of("admin", "none", "garbage").map(t -> switch (t) {
            case "admin" -> admin;
            case "garbage" -> "eyJhbGciOiJIUzI1NiJ9.e30.x";
            default -> null;
        }).injectNull(0.0);
        Arbitrary<String> election = Arbitraries.oneOf(Arbitraries.just(Long.toString(open)), Arbitraries.of("1", "2", "3", "0",
                "-1", "99999999999999999999", "abc", "%00", "1.5"));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(300),
                Arbitraries.of("\\ud800", "\\u0000", "=HYPERLINK(\"x\")", "\u202e", "😀", "x".repeat(5000)));
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().map(Object::toString),
                Arbitraries.of("1.5", "\"100\"", "true", "null", "1e400", "-0", "99999999999999999999999", "[]", "{}"));
        Arbitrary<String> value = Arbitraries.oneOf(text.map(ApiPropertiesTest::json), number);
        Arbitrary<String> code = Arbitraries.oneOf(Arbitraries.of(codes), text);
        Arbitrary<String> electionBody = Combinators.combine(value, value, number, Arbitraries.of("greedy", "mes", "x"), value)
                .as((name, hood, budget, rule, extra) -> "{\"name\":" + name + ",\"neighbourhood\":" + hood + ",\"budget\":" + budget
                        + ",\"rule\":\"" + rule + "\",\"votingCloses\":" + extra + "}");
        Arbitrary<String> proposalBody = Combinators.combine(value, number, value)
                .as((title, cost, summary) -> "{\"title\":" + title + ",\"cost\":" + cost + ",\"summary\":" + summary
                        + ",\"verdict\":\"ELIGIBLE\"}");
        Arbitrary<String> ballotBody = Combinators.combine(code, Arbitraries.of("[\"a\"]", "[\"a\",\"b\"]", "[]", "[\"zz\"]", "\"a\""),
                        number, Arbitraries.strings().alpha().ofMinLength(16).ofMaxLength(20))
                .as((c, projects, points, sid) -> "{\"code\":" + json(c) + ",\"projects\":" + projects
                        + (points.startsWith("1") ? ",\"points\":[" + points + "]" : "") + ",\"submissionId\":\"" + sid + "\"}");
        Arbitrary<String> garbage = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(50),
                Arbitraries.of("{", "[]", "null", "{\"a\":1,\"a\":2}", "{\"name\":\"x\",\"name\":\"y\"}"));
        Arbitrary<Call> elections = Combinators.combine(Arbitraries.of("POST", "PATCH"), election, electionBody, token)
                .as((m, id, b, t) -> new Call(m, m.equals("POST") ? "/api/elections" : "/api/elections/" + id, b, t));
        Arbitrary<Call> proposals = Combinators.combine(Arbitraries.of("POST", "PATCH"), election, proposalBody, token)
                .as((m, id, b, t) -> new Call(m, "/api/elections/" + id + "/proposals" + (m.equals("PATCH") ? "/1" : ""), b, t));
        Arbitrary<Call> ballots = Combinators.combine(election, ballotBody)
                .as((id, b) -> new Call("POST", "/api/elections/" + id + "/ballots", b, null));
        Arbitrary<Call> batches = Combinators.combine(election, number, value, token)
                .as((id, n, l, t) -> new Call("POST", "/api/elections/" + id + "/code-batches", "{\"count\":" + n + ",\"label\":" + l + "}", t));
        Arbitrary<Call> paper = Combinators.combine(election, code, token)
                .as((id, c, t) -> new Call("POST", "/api/elections/" + id + "/paper-ballots", "{\"code\":" + json(c) + ",\"projects\":[\"a\"]}", t));
        Arbitrary<Call> reads = Combinators.combine(election, Arbitraries.of("", "/proposals", "/proposals/1", "/tally", "/result",
                        "/audit-bundle", "/receipts/" + "ab".repeat(32), "/receipts/xyz", "/export.pb", "/code-batches",
                        "/ballot-counts", "/paper-ballots/mismatches"), token)
                .as((id, tail, t) -> new Call("GET", "/api/elections/" + id + tail, null, t));
        Arbitrary<Call> lifecycle = Combinators.combine(election, Arbitraries.of("/open", "/close", "/tally", "/publish", "/extend",
                        "/ballots/scrub", "/code-batches/1/revoke", "/code-batches/1/approve"), garbage, token)
                .as((id, tail, b, t) -> new Call("POST", "/api/elections/" + id + tail, b, t));
        Arbitrary<Call> accounts = Combinators.combine(value, value, Arbitraries.of("ADMIN", "ORGANISER", "AUDITOR", "KING"), token)
                .as((u, p, r, t) -> new Call("POST", "/api/accounts", "{\"username\":" + u + ",\"password\":" + p + ",\"role\":\"" + r + "\"}", t));
        Arbitrary<Call> login = Combinators.combine(value, value)
                .as((u, p) -> new Call("POST", "/api/login", "{\"username\":" + u + ",\"password\":" + p + "}", null));
        Arbitrary<Call> raw = Combinators.combine(Arbitraries.of("POST", "PATCH", "GET", "DELETE", "PUT"),
                        Arbitraries.of("/api/elections", "/api/elections/1", "/api/bootstrap", "/api/accounts", "/api/audit",
                                "/api/signing-keys", "/api/elections/import", "/nothing", "/api/elections/1/ballots"), garbage, token)
                .as((m, p, b, t) -> new Call(m, p, m.equals("GET") || m.equals("DELETE") ? null : b, t));
        return Arbitraries.oneOf(elections, proposals, ballots, ballots, batches, paper, reads, lifecycle, accounts, login, raw);
    }

    /** A JSON string literal for {@code s}; an escaped lone surrogate or NUL stays an escape, as an attacker sends it. */
    private static String json(String s) {
        if (s.equals("\\ud800") || s.equals("\\u0000")) {
            return "\"" + s + "\"";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
