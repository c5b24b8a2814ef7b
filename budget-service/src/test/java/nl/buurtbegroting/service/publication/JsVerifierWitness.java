package nl.buurtbegroting.service.publication;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test instrumentation, never in the jar: every audit bundle that any service test downloads is judged by
 * budget-core's verifier and by the JavaScript one in {@code verifier/} (written from docs/spec), and when the
 * two disagree on any check line, the summary or the exit code, the download answers 500 with both reports, so
 * the test that fetched it fails. Without node 20 on the PATH it steps aside (CI has node). The key is not
 * compared here ({@code --no-key-check}); {@link JsVerifierAgreesTest} compares with the published key.
 */
@ServerFilter("/api/elections/*/audit-bundle")
@Requires(env = "test")
@Requires(property = "bb.test.js-witness", notEquals = "false")
final class JsVerifierWitness {

    private static final Path SCRIPT = JsVerifierAgreesTest.verifierScript();
    private static final boolean NODE = SCRIPT != null && JsVerifierAgreesTest.nodeAvailable();

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void witness(HttpRequest<?> request, MutableHttpResponse<?> response) throws IOException, InterruptedException {
        if (!NODE || response.getStatus() != HttpStatus.OK) {
            return;
        }
        Optional<byte[]> body = response.getBody(byte[].class);
        if (body.isEmpty()) {
            return;
        }
        Path bundle = Files.createTempFile("bb-witness-", ".zip");
        try {
            Files.write(bundle, body.get());
            VerificationReport java = BundleVerifier.verify(bundle, VerifyOptions.none());
            List<String> javaLines = new ArrayList<>();
            for (CheckResult c : java.results()) {
                javaLines.add(c.line());
            }
            javaLines.add(java.summary());
            Process p = new ProcessBuilder("node", SCRIPT.toString(), bundle.toString(), "--no-key-check")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            String expected = String.join("\n", javaLines);
            if (!ended || !out.equals(expected) || p.exitValue() != java.exitCode()) {
                response.status(HttpStatus.INTERNAL_SERVER_ERROR).body(("The Java and JavaScript verifiers disagree on "
                        + request.getPath() + "\n--- budget-core (exit " + java.exitCode() + ")\n" + expected
                        + "\n--- verifier/verify.mjs (exit " + (ended ? p.exitValue() : "none: timed out") + ")\n" + out)
                        .getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(bundle);
        }
    }
}
