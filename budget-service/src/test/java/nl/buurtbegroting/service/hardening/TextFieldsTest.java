package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.problem.TextCheck;
import org.junit.jupiter.api.Test;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, fault 1: every text that can reach a bundle is checked where it enters, and nothing stored can
 * make a tally or a publication fail.
 */
@MicronautTest(transactional = false)
class TextFieldsTest extends ApiTestBase {

    /** Odd but valid text: right-to-left marks and overrides, emoji (surrogate pairs), combining marks, CJK, tabs. */
    private static final String[] ODD = {"\u200F", "\u202E", "\u2066", "😀", "👩‍👩‍👧", "e\u0301", "漢字", "\t", "\n",
            "\uFEFF", "\u00A0", "ÿ", "\"", "\\", "<script>", "=1+1", "\uFFFD", "𝔘"};
    /** Text that must be refused wherever it appears. */
    private static final String[] BROKEN = {"\uD800", "\uDC00", "a\uDBFFb", "\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0085"};

    @Inject
    DataSource dataSource;

    @Test
    void aLoneSurrogateInATitleOrALabelIsRefusedWithItsField() {
        long id = Lifecycle.draft(api, admin, "Surrogaten");
        String base = "/api/elections/" + id;
        // The exact request of the review: raw JSON with an escaped lone surrogate.
        api.post(base + "/proposals", "{\"title\":\"\\ud800\",\"cost\":10,\"verdict\":\"ELIGIBLE\"}", admin)
                .invalid("title", "TEXT_LONE_SURROGATE");
        api.post(base + "/code-batches", "{\"count\":1,\"label\":\"x\\ud800\"}", admin)
                .invalid("label", "TEXT_LONE_SURROGATE");
        api.post(base + "/proposals", "{\"title\":\"ok\",\"summary\":\"a\\u0000b\",\"cost\":10}", admin)
                .invalid("summary", "TEXT_CONTROL_CHARACTER");
    }

    @Test
    void everyTextFieldRefusesBrokenText() {
        long id = Lifecycle.draft(api, admin, "Gebroken");
        String base = "/api/elections/" + id;
        for (String bad : BROKEN) {
            String text = "Speel" + bad + "tuin";
            Map<String, Object> election = new HashMap<>(Api.election(text));
            api.post("/api/elections", election, admin).invalid("name", code(bad));
            election = new HashMap<>(Api.election("ok"));
            election.put("neighbourhood", text);
            api.post("/api/elections", election, admin).invalid("neighbourhood", code(bad));
            election = new HashMap<>(Api.election("ok"));
            election.put("categories", List.of(Map.of("name", "groen"), Map.of("name", text)));
            api.post("/api/elections", election, admin).invalid("categories[1].name", code(bad));
            election = new HashMap<>(Api.election("ok"));
            election.put("eligibility", Map.of("districts", List.of(text)));
            api.post("/api/elections", election, admin).invalid("eligibility.districts[0]", code(bad));
            api.patch(base, Map.of("name", text), admin).invalid("name", code(bad));
            api.patch(base, Map.of("neighbourhood", text), admin).invalid("neighbourhood", code(bad));
            for (String field : List.of("title", "summary", "publicReason")) {
                Map<String, Object> proposal = new HashMap<>(Api.proposal("ok", 100, "groen", "INELIGIBLE"));
                proposal.put("publicReason", "reden");
                proposal.put(field, text);
                api.post(base + "/proposals", proposal, admin).invalid(field, code(bad));
                api.patch(base + "/proposals/1", Map.of(field, text), admin).invalid(field, code(bad));
            }
            api.post(base + "/code-batches", Map.of("count", 1, "label", text), admin).invalid("label", code(bad));
        }
        // Nothing of it was stored.
        assertEquals(3, api.get(base + "/proposals", admin).list().size());
    }

    private static String code(String bad) {
        return bad.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? "TEXT_LONE_SURROGATE" : "TEXT_CONTROL_CHARACTER";
    }

    @Test
    void randomOddTextGoesThroughTheWholeElection() {
        Random random = new Random(11);
        for (int round = 0; round < 3; round++) {
            String name = odd(random, 200);
            String neighbourhood = odd(random, 200);
            String category = odd(random, 100).strip();
            // Text of only invisible characters is refused (TEXT_INVISIBLE, OddInputTest); a letter makes it text.
            category = TextCheck.hasVisible(category) ? category : "c" + category;
            Map<String, Object> election = new HashMap<>(Api.election(TextCheck.hasVisible(name) ? name : "x" + name));
            election.put("neighbourhood", TextCheck.hasVisible(neighbourhood) ? neighbourhood : "x" + neighbourhood);
            election.put("categories", List.of(Map.of("name", category, "cap", 90_000)));
            String district = odd(random, 99) + "d";
            election.put("eligibility", Map.of("districts", List.of(district)));
            long id = api.post("/api/elections", election, admin).ok(201).id();
            String base = "/api/elections/" + id;
            for (String code : List.of("a", "b", "c")) {
                Map<String, Object> proposal = new HashMap<>();
                proposal.put("code", code);
                proposal.put("title", "t" + odd(random, 199));
                String summary = odd(random, 4000);
                proposal.put("summary", summary.isBlank() || TextCheck.hasVisible(summary) ? summary : "s" + summary);
                proposal.put("cost", 10_000 + random.nextInt(50_000));
                proposal.put("category", category);
                proposal.put("verdict", "ELIGIBLE");
                api.post(base + "/proposals", proposal, admin).ok(201);
            }
            Map<String, Object> refused = new HashMap<>(Api.proposal("x", 5, category, "INELIGIBLE"));
            refused.put("code", "x");
            refused.put("publicReason", "r" + odd(random, 999));
            api.post(base + "/proposals", refused, admin).ok(201);
            // A 10 KB text is refused by size wherever it does not fit, never by a failure.
            api.post(base + "/proposals", Map.of("title", "x".repeat(10_240), "cost", 1), admin).invalid("title", "SIZE");
            List<String> codes = Lifecycle.codesOfCsv(api.post(base + "/code-batches",
                    Map.of("count", 12, "label", "l" + odd(random, 99), "district", district), admin).ok(201).body());
            api.post(base + "/open", null, admin).ok(200);
            for (int i = 0; i < codes.size(); i++) {
                api.post(base + "/ballots", Lifecycle.ballot(codes.get(i), List.of(List.of("a", "b", "c").get(i % 3))), null).ok(201);
            }
            String base2 = base;
            api.post(base2 + "/close", null, admin).ok(200);
            api.post(base2 + "/tally", null, admin).ok(200);
            Map<String, Object> result = api.post(base2 + "/publish", Map.of("councilDecision", "b" + odd(random, 199)), admin)
                    .ok(200).map();
            Lifecycle.verify(client, result, id);
            api.get(base + "/export.pb", null).ok(200);
        }
    }

    @Test
    void textStoredBeforeTheCheckCannotStopATallyOrAPublication() throws Exception {
        long id = Lifecycle.draft(api, admin, "Oud");
        String base = "/api/elections/" + id;
        List<String> codes = Lifecycle.issue(api, admin, id, 11, "oud");
        // As an older version would have stored them (H2 keeps the lone surrogate; PostgreSQL's driver cannot).
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("UPDATE proposal SET title = ? WHERE election_id = ?")) {
                s.setString(1, "Speel\uD800tuin\u0001");
                s.setLong(2, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE code_batch SET label = ? WHERE election_id = ?")) {
                s.setString(1, "x\uDC00");
                s.setLong(2, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE election SET name = ? WHERE id = ?")) {
                s.setString(1, "n\uD800");
                s.setLong(2, id);
                s.executeUpdate();
            }
        }
        api.post(base + "/open", null, admin).ok(200);
        for (int i = 0; i < codes.size(); i++) {
            api.post(base + "/ballots", Lifecycle.ballot(codes.get(i), List.of(i % 2 == 0 ? "a" : "b")), null).ok(201);
        }
        Map<String, Object> result = Lifecycle.finish(api, admin, id);
        Lifecycle.verify(client, result, id);
        assertTrue(api.get(base + "/result", null).ok(200).body().contains("Speel"));
    }

    /** Random text of at most {@code max} UTF-16 units from odd but valid pieces and ordinary letters. */
    static String odd(Random random, int max) {
        StringBuilder out = new StringBuilder();
        int target = random.nextInt(max) + 1;
        while (true) {
            String piece = random.nextInt(3) == 0 ? String.valueOf((char) ('a' + random.nextInt(26)))
                    : ODD[random.nextInt(ODD.length)];
            if (random.nextInt(20) == 0) {
                piece = new String(Character.toChars(0x10000 + random.nextInt(0xFFFFF)));
            }
            if (out.length() + piece.length() > target) {
                return out.toString();
            }
            out.append(piece);
        }
    }
}
