package nl.buurtbegroting.service.publication;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.Check;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole way of issue 7 through the real HTTP API: codes, online and paper ballots, close, tally,
 * publish, download the bundle, verify it with the published fingerprint, and a receipt's inclusion proof.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "bb.code-key", value = PublicationApiTest.CODE_KEY)
class PublicationApiTest extends ApiTestBase {

    static final String CODE_KEY = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=";

    String organiser;
    String otherOrganiser;
    String auditor;
    long election;
    final List<String> ballotHashes = new ArrayList<>();
    final List<Map<String, Object>> signedReceipts = new ArrayList<>();

    @BeforeAll
    void setUp() {
        organiser = api.account(admin, "olga", "ORGANISER", List.of());
        otherOrganiser = api.account(admin, "otto", "ORGANISER", List.of());
        auditor = api.account(admin, "aart", "AUDITOR", List.of());
        election = Fixtures.draft(api, organiser, "Buurtbudget Kloosterveen");
    }

    private String path(String tail) {
        return "/api/elections/" + election + tail;
    }

    @Test
    @Order(1)
    void votesOnlineAndOnPaperThenClosesAndTalliesOnce() {
        List<String> letter = Fixtures.issue(api, organiser, election, 14, "Brief");
        List<String> desk = Fixtures.issue(api, organiser, election, 3, "Balie");
        api.post(path("/open"), null, organiser).ok(200);
        api.post(path("/tally"), null, organiser).problem(409, "ELECTION_NOT_CLOSED");
        api.get(path("/tally"), organiser).problem(409, "ELECTION_NOT_TALLIED");

        List<List<String>> choices = List.of(List.of("a"), List.of("a", "b"), List.of("b"), List.of("c"), List.of("a", "c"));
        for (int i = 0; i < 12; i++) {
            Map<String, Object> receipt = api.post(path("/ballots"),
                    Fixtures.ballot(letter.get(i), choices.get(i % choices.size())), null).ok(201).map();
            ballotHashes.add((String) receipt.get("ballotHash"));
            signedReceipts.add(obj(receipt.get("signed")));
        }
        for (String code : desk.subList(0, 2)) {
            api.post(path("/paper-ballots"), Map.of("code", code, "projects", List.of("b")), organiser).ok(202);
            api.post(path("/paper-ballots"), Map.of("code", code, "projects", List.of("b")), admin).ok(201);
        }
        api.post(path("/close"), null, organiser).ok(200);
        api.post(path("/ballots/scrub"), null, organiser).ok(200);

        api.post(path("/tally"), null, null).problem(401, "UNAUTHORIZED");
        api.post(path("/tally"), null, otherOrganiser).problem(403, "FORBIDDEN");
        api.post(path("/tally"), null, auditor).problem(403, "FORBIDDEN");
        Api.Res tally = api.post(path("/tally"), null, organiser).ok(200);
        assertTrue(tally.contentType().startsWith("application/json"), tally.contentType());
        Map<String, Object> t = tally.map();
        assertEquals("greedy", t.get("rule"));
        assertEquals("id", t.get("tieBreaking"));
        assertEquals(List.of("a", "b"), t.get("selected"));
        Map<String, Object> turnout = obj(t.get("turnout"));
        assertEquals(14, num(turnout.get("ballots")));
        assertEquals(Map.of("online", 12, "paper", 2), obj(turnout.get("byChannel")));
        assertEquals(17, num(turnout.get("codesIssued")));
        assertEquals(14, num(turnout.get("codesUsed")));
        List<Map<String, Object>> projects = list(t.get("projects"));
        assertEquals(List.of("a", "b", "c"), projects.stream().map(p -> p.get("id")).toList());
        for (Map<String, Object> p : projects) {
            Map<String, Object> explanation = obj(p.get("explanation"));
            String nl = (String) obj(explanation.get("nl")).get("headline");
            String en = (String) obj(explanation.get("en")).get("headline");
            assertTrue(Boolean.TRUE.equals(p.get("funded")) ? nl.startsWith("Gefinancierd") : nl.startsWith("Niet gefinancierd"), nl);
            assertTrue(Boolean.TRUE.equals(p.get("funded")) ? en.startsWith("Funded") : en.startsWith("Not funded"), en);
        }
        assertEquals(8, num(projects.get(0).get("support")));
        // Counting again changes nothing once the ballots are fixed, and keeps the election TALLIED.
        assertEquals(List.of("a", "b"), api.post(path("/tally"), null, organiser).ok(200).map().get("selected"));
        assertEquals("TALLIED", api.get(path(""), null).ok(200).get("state"));
    }

    @Test
    @Order(2)
    void onlyStaffOfTheElectionReviewTheTallyAndNothingIsPublicBeforePublication() {
        api.get(path("/tally"), null).problem(401, "UNAUTHORIZED");
        api.get(path("/tally"), otherOrganiser).problem(403, "FORBIDDEN");
        assertEquals(api.get(path("/tally"), organiser).ok(200).body(), api.get(path("/tally"), auditor).ok(200).body());
        api.get(path("/tally"), admin).ok(200);
        api.get(path("/result"), null).problem(409, "ELECTION_NOT_PUBLISHED");
        api.get(path("/audit-bundle"), null).problem(409, "ELECTION_NOT_PUBLISHED");
        api.get(path("/receipts/" + ballotHashes.get(0)), null).problem(409, "ELECTION_NOT_PUBLISHED");
        api.get("/api/elections/999999/result", null).problem(404, "ELECTION_NOT_FOUND");
        api.get("/api/elections/999999/tally", organiser).problem(404, "ELECTION_NOT_FOUND");
        api.post(path("/publish"), Map.of("councilDecision", "Raadsbesluit 2026-114"), null).problem(401, "UNAUTHORIZED");
        api.post(path("/publish"), Map.of("councilDecision", "Raadsbesluit 2026-114"), otherOrganiser).problem(403, "FORBIDDEN");
        api.post(path("/publish"), Map.of("councilDecision", "Raadsbesluit 2026-114"), auditor).problem(403, "FORBIDDEN");
        api.post(path("/publish"), Map.of("councilDecision", " "), organiser).invalid("councilDecision", "NOT_BLANK");
    }

    @Test
    @Order(3)
    void publishesABundleThatVerifiesWithThePublishedKeyAndTheSameBytesOnEveryDownload() throws Exception {
        Api.Res published = api.post(path("/publish"), Map.of("councilDecision", "Raadsbesluit 2026-114"), organiser).ok(200);
        api.post(path("/publish"), Map.of("councilDecision", "Raadsbesluit 2026-114"), organiser)
                .problem(409, "ELECTION_NOT_TALLIED");
        Map<String, Object> result = api.get(path("/result"), null).ok(200).map();
        assertEquals(published.map(), result);
        assertEquals("Raadsbesluit 2026-114", result.get("councilDecision"));
        assertEquals(List.of("a", "b"), result.get("selected"));
        Map<String, Object> bundleInfo = obj(result.get("auditBundle"));
        Map<String, Object> key = obj(result.get("signingKey"));

        List<Map<String, Object>> keys = api.get("/api/signing-keys", null).ok(200).list();
        Map<String, Object> current = keys.stream().filter(k -> Boolean.TRUE.equals(k.get("current"))).findFirst().orElseThrow();
        assertEquals(current.get("fingerprint"), key.get("fingerprint"));
        assertEquals(current.get("keyId"), key.get("keyId"));

        HttpResponse<byte[]> first = client.toBlocking().exchange(HttpRequest.GET(path("/audit-bundle")), byte[].class);
        HttpResponse<byte[]> second = client.toBlocking().exchange(HttpRequest.GET(path("/audit-bundle")), byte[].class);
        assertEquals("application/zip", first.getContentType().orElseThrow().toString());
        byte[] zip = first.body();
        assertArrayEquals(zip, second.body(), "the same bundle on every download");
        assertEquals(bundleInfo.get("sha256"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertEquals(zip.length, num(bundleInfo.get("size")));
        assertEquals(true, bundleInfo.get("ballotsPublished"));

        AuditBundle bundle = AuditBundle.fromZip(zip);
        String hash = leafHashes(bundle).get(3);
        Api.Res receipt = api.get(path("/receipts/" + hash), null).ok(200);
        assertTrue(receipt.contentType().startsWith("application/json"));
        assertEquals(hash, receipt.get("leafHash"));
        assertNotNull(receipt.get("inclusion"));
        VerificationReport report = BundleVerifier.verify(bundle, VerifyOptions.expectingKey((String) key.get("fingerprint"))
                .withReceipt(receipt.body().getBytes(StandardCharsets.UTF_8)));
        for (CheckResult r : report.results()) {
            assertEquals(CheckResult.Status.PASS, r.status(), r::line);
        }
        assertEquals(Check.values().length, report.results().size());

        String events = new String(bundle.file(AuditBundle.EVENTS), StandardCharsets.UTF_8);
        for (String type : List.of("created", "codes-issued", "opened", "closed", "ballots-scrubbed", "tallied", "published")) {
            assertTrue(events.contains("\"type\":\"" + type + "\""), type);
        }
        assertFalse(events.contains("olga"), "events name roles, never accounts");
        assertTrue(events.contains("\"actorRole\":\"organiser\""));
        assertTrue(new String(bundle.file(AuditBundle.MANIFEST), StandardCharsets.UTF_8).contains("Raadsbesluit 2026-114"));
    }

    @Test
    @Order(4)
    void everyVotingReceiptHasItsInclusionProofAfterPublication() throws Exception {
        byte[] zip = client.toBlocking().retrieve(HttpRequest.GET(path("/audit-bundle")), byte[].class);
        AuditBundle bundle = AuditBundle.fromZip(zip);
        assertTrue(leafHashes(bundle).containsAll(ballotHashes), "every receipt's ballotHash is a leaf of the bundle");
        String fingerprint = (String) obj(api.get(path("/result"), null).ok(200).get("signingKey")).get("fingerprint");
        for (int i = 0; i < ballotHashes.size(); i++) {
            String hash = ballotHashes.get(i);
            Api.Res res = api.get(path("/receipts/" + hash), null).ok(200);
            Map<String, Object> full = new HashMap<>(res.map());
            assertEquals(hash, full.get("leafHash"));
            assertNotNull(full.remove("inclusion"));
            assertEquals(signedReceipts.get(i), full, "the receipt signed at voting, now with its inclusion proof");
            VerificationReport report = BundleVerifier.verify(bundle, VerifyOptions.expectingKey(fingerprint)
                    .withReceipt(res.body().getBytes(StandardCharsets.UTF_8)));
            assertTrue(report.passed(), report::summary);
            assertEquals(CheckResult.Status.PASS, report.result(Check.RECEIPT_INCLUDED).orElseThrow().status());
        }
        api.get(path("/receipts/" + "0".repeat(64)), null).problem(404, "RECEIPT_NOT_FOUND");
        api.get(path("/receipts/not-a-hash"), null).problem(404, "RECEIPT_NOT_FOUND");
    }

    @Test
    @Order(5)
    void withholdsTheBallotsOfASmallElectionButReceiptsStillVerify() throws Exception {
        long small = Fixtures.draft(api, organiser, "Hofje");
        List<String> codes = Fixtures.issue(api, organiser, small, 3, "Hofje");
        String base = "/api/elections/" + small;
        api.post(base + "/open", null, organiser).ok(200);
        Map<String, Object> cast = api.post(base + "/ballots", Fixtures.ballot(codes.get(0), List.of("a")), null).ok(201).map();
        String hash = (String) cast.get("ballotHash");
        String nonce = (String) obj(obj(cast.get("signed")).get("ballot")).get("nonce");
        api.post(base + "/ballots", Fixtures.ballot(codes.get(1), List.of("b", "c")), null).ok(201);
        api.post(base + "/close", null, organiser).ok(200);
        api.post(base + "/tally", null, admin).ok(200);
        Map<String, Object> result = api.post(base + "/publish", Map.of("councilDecision", "Besluit 7"), admin).ok(200).map();
        assertEquals(false, obj(result.get("auditBundle")).get("ballotsPublished"));
        byte[] zip = client.toBlocking().retrieve(HttpRequest.GET(base + "/audit-bundle"), byte[].class);
        AuditBundle bundle = AuditBundle.fromZip(zip);
        assertFalse(bundle.has(AuditBundle.BALLOTS));
        // Withheld ballots stay secret (issue 11): the hash alone, or the Merkle root, gets nothing back...
        api.get(base + "/receipts/" + hash, null).problem(404, "RECEIPT_NOT_FOUND");
        api.get(base + "/receipts/" + obj(result.get("auditBundle")).get("merkleRoot"), null).problem(404, "RECEIPT_NOT_FOUND");
        api.get(base + "/receipts/" + hash + "?nonce=" + "0".repeat(32), null).problem(404, "RECEIPT_NOT_FOUND");
        // ...while the voter, who holds the nonce from the voting receipt, gets the inclusion proof.
        byte[] receipt = api.get(base + "/receipts/" + hash + "?nonce=" + nonce, null).ok(200).body().getBytes(StandardCharsets.UTF_8);
        VerificationReport report = BundleVerifier.verify(bundle,
                VerifyOptions.expectingKey((String) obj(result.get("signingKey")).get("fingerprint")).withReceipt(receipt));
        assertTrue(report.passed(), report::summary);
        assertEquals(CheckResult.Status.PASS, report.result(Check.RECEIPT_INCLUDED).orElseThrow().status());
        assertEquals(CheckResult.Status.SKIPPED, report.result(Check.OUTCOME_RECOMPUTED).orElseThrow().status());
    }

    /** The leaf hashes of the published ballots, computed from ballots.json as docs/verification.md §2.3 says. */
    @SuppressWarnings("unchecked")
    static List<String> leafHashes(AuditBundle bundle) throws Exception {
        Map<String, Object> file = (Map<String, Object>) CanonicalJson.readFile(AuditBundle.BALLOTS, bundle.file(AuditBundle.BALLOTS));
        List<String> out = new ArrayList<>();
        for (Object ballot : (List<Object>) file.get("ballots")) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0);
            out.add(HexFormat.of().formatHex(sha.digest(CanonicalJson.write(ballot))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    /** Fixtures: a draft with proposals a (30,000), b (20,000), c (60,000) in category jongeren; approval 1 to 2. */
    static final class Fixtures {

        private Fixtures() {
        }

        static long draft(Api api, String token, String name) {
            return api.draftWithThreeProposals(token, name, Map.of("tieBreaking", Map.of("policy", "ID")));
        }

        static List<String> issue(Api api, String token, long election, int n, String label) {
            return api.issueCodes(token, election, n, label);
        }

        static Map<String, Object> ballot(String code, List<String> projects) {
            return Map.of("code", code, "projects", projects, "submissionId", Api.submissionId());
        }
    }
}
