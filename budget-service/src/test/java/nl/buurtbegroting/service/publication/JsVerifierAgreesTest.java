package nl.buurtbegroting.service.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles as the service publishes them (events with the service's timestamps and roles, codes and
 * channels, random nonces, receipts fetched from the API) are judged alike by budget-core's verifier and
 * the JavaScript one in {@code verifier/} (written from docs/spec): the same line for every check and the
 * same exit code, with ballots published (mes-add1 with caps) and withheld. Skipped without node 20.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = PublicationApiTest.CODE_KEY)
class JsVerifierAgreesTest extends ApiTestBase {

    @TempDir
    Path dir;

    String organiser;
    Path verifier;

    @BeforeAll
    void setUp() {
        verifier = verifierScript();
        assumeTrue(verifier != null && nodeAvailable(), "node 20 or later is not on the PATH: the JavaScript verifier"
                + " (verifier/) is not compared with the Java one in this run");
        organiser = api.account(admin, "jet", "ORGANISER", List.of());
    }

    @Test
    void aPublishedElectionWithItsReceiptsIsJudgedAlike() throws Exception {
        long id = publish("Buurtbudget Pittelo", 14, "mes-add1");
        byte[] zip = bundle(id);
        List<String> hashes = leafHashes(id, 14);
        for (String hash : List.of(hashes.get(0), hashes.get(9))) {
            byte[] receipt = client.toBlocking().retrieve(HttpRequest.GET("/api/elections/" + id + "/receipts/" + hash), byte[].class);
            assertAgree(zip, receipt, 0);
        }
        assertAgree(zip, null, 0);
    }

    @Test
    void aSmallElectionWithWithheldBallotsIsJudgedAlike() throws Exception {
        long id = publish("Buurtbudget Marsdijk", 3, "greedy");
        assertAgree(bundle(id), null, 0);
    }

    private final Map<Long, List<String>> cast = new HashMap<>();

    private long publish(String name, int voters, String rule) {
        Map<String, Object> body = new HashMap<>(Api.election(name));
        body.put("rule", rule);
        body.put("tieBreaking", Map.of("policy", "ID"));
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        String[][] proposals = {{"a", "30000", "groen"}, {"b", "20000", "jongeren"}, {"c", "25000", "groen"}, {"d", "40000", "jongeren"}};
        for (String[] p : proposals) {
            Map<String, Object> proposal = new HashMap<>(Api.proposal("Voorstel " + p[0], Long.parseLong(p[1]), p[2], "ELIGIBLE"));
            proposal.put("code", p[0]);
            api.post("/api/elections/" + id + "/proposals", proposal, organiser).ok(201);
        }
        List<String> codes = PublicationApiTest.Fixtures.issue(api, organiser, id, voters + 2, "Brief");
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);
        List<List<String>> choices = List.of(List.of("a"), List.of("a", "b"), List.of("c", "d"), List.of("b", "c"), List.of("a", "c", "d"));
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            Map<String, Object> receipt = api.post("/api/elections/" + id + "/ballots",
                    PublicationApiTest.Fixtures.ballot(codes.get(i), choices.get(i % choices.size())), null).ok(201).map();
            hashes.add((String) receipt.get("ballotHash"));
        }
        cast.put(id, hashes);
        api.post("/api/elections/" + id + "/close", null, organiser).ok(200);
        api.post("/api/elections/" + id + "/tally", null, organiser).ok(200);
        api.post("/api/elections/" + id + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-200"), organiser).ok(200);
        return id;
    }

    private List<String> leafHashes(long id, int n) {
        List<String> hashes = cast.get(id);
        assertEquals(n, hashes.size());
        return hashes;
    }

    private byte[] bundle(long id) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/elections/" + id + "/audit-bundle"), byte[].class);
    }

    private String fingerprint() {
        List<Map<String, Object>> keys = api.get("/api/signing-keys", null).ok(200).list();
        return (String) keys.stream().filter(k -> Boolean.TRUE.equals(k.get("current"))).findFirst().orElseThrow().get("fingerprint");
    }

    private void assertAgree(byte[] zip, byte[] receipt, int expectedExit) throws IOException, InterruptedException {
        String fp = fingerprint();
        Path bundle = Files.write(dir.resolve("bundle-" + System.nanoTime() + ".zip"), zip);
        VerifyOptions options = VerifyOptions.expectingKey(fp);
        List<String> command = new ArrayList<>(List.of("node", verifier.toString(), bundle.toString(), "--expect-key", fp));
        if (receipt != null) {
            Path r = Files.write(dir.resolve("receipt-" + System.nanoTime() + ".json"), receipt);
            command.addAll(List.of("--receipt", r.toString()));
            options = options.withReceipt(receipt);
        }
        VerificationReport java = BundleVerifier.verify(bundle, options);
        List<String> javaLines = new ArrayList<>();
        for (CheckResult c : java.results()) {
            javaLines.add(c.line());
        }
        javaLines.add(java.summary());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        assertEquals(String.join("\n", javaLines), out.strip(), "the two verifiers' reports");
        assertEquals(expectedExit, java.exitCode(), java.summary());
        assertEquals(java.exitCode(), p.exitValue(), "exit codes");
    }

    static Path verifierScript() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("verifier/verify.mjs"))) {
                return p.resolve("verifier/verify.mjs");
            }
        }
        return null;
    }

    static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && v.startsWith("v")
                    && Integer.parseInt(v.substring(1, v.indexOf('.'))) >= 20;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
