package nl.buurtbegroting.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.buurtbegroting.core.json.JsonParser;

/**
 * Runs the JavaScript verifier ({@code verifier/}, written from docs/spec alone) on many bundles in one
 * node process, and compares its report with {@link BundleVerifier}'s, check by check.
 */
final class NodeVerifier {

    /** The repository's verifier directory, or null when it cannot be found. */
    static Path verifierDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("verifier/verify.mjs"))) {
                return p.resolve("verifier");
            }
        }
        return null;
    }

    /** Whether {@code node} (20 or later) can be started. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && v.startsWith("v")
                    && Integer.parseInt(v.substring(1, v.indexOf('.'))) >= 20 && verifierDir() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One bundle to verify with both verifiers. */
    record Case(String name, AuditBundle bundle, VerifyOptions options) {
    }

    /** Where the two verifiers disagree, one line per case; empty when they agree on every check. */
    static List<String> disagreements(List<Case> cases, Path dir) throws IOException, InterruptedException {
        List<Object> list = new ArrayList<>();
        Map<String, VerificationReport> java = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path zip = dir.resolve("bundle-" + i + ".zip");
            Files.write(zip, c.bundle().toZip());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("bundle", zip.toString());
            m.put("expectKey", c.options().expectedKeyFingerprint());
            if (c.options().receipt() != null) {
                Path r = dir.resolve("receipt-" + i + ".json");
                Files.write(r, c.options().receipt());
                m.put("receipt", r.toString());
            } else {
                m.put("receipt", null);
            }
            list.add(m);
            java.put(c.name(), BundleVerifier.verify(AuditBundle.fromZip(c.bundle().toZip()), c.options()));
        }
        Path casesFile = dir.resolve("cases.json");
        Files.write(casesFile, CanonicalJson.write(list));
        Process p = new ProcessBuilder("node", verifierDir().resolve("tools/batch.mjs").toString(), casesFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the JavaScript verifier failed: exit " + p.exitValue() + "\n" + out);
        }
        List<String> problems = new ArrayList<>();
        String[] lines = out.strip().split("\n");
        if (lines.length != cases.size()) {
            throw new IllegalStateException("expected " + cases.size() + " reports from node, got " + lines.length + ":\n" + out);
        }
        for (String line : lines) {
            Map<String, Object> r = JsonParser.object(JsonParser.STANDARD.parse("node verifier output", line));
            String name = (String) r.get("name");
            if (r.containsKey("crash")) {
                problems.add(name + ": the JavaScript verifier crashed: " + r.get("crash"));
                continue;
            }
            VerificationReport j = java.get(name);
            List<String> mine = new ArrayList<>();
            for (CheckResult c : j.results()) {
                mine.add(c.check().name() + "=" + c.status().name());
            }
            @SuppressWarnings("unchecked")
            List<Object> theirs = (List<Object>) r.get("checks");
            long exit = ((Number) r.get("exitCode")).longValue();
            if (!mine.equals(theirs) || exit != j.exitCode()) {
                problems.add(name + ": Java " + mine + " exit " + j.exitCode() + "; JavaScript " + theirs + " exit " + exit
                        + "\n    Java: " + j.summary() + "\n    JavaScript verdicts: " + r.get("verdicts"));
            }
        }
        return problems;
    }
}
