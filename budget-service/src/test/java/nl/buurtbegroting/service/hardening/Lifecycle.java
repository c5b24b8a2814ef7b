package nl.buurtbegroting.service.hardening;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.service.Api;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steps of an election through the real API, for the hardening tests. */
final class Lifecycle {

    private Lifecycle() {
    }

    /** A draft with proposals a (30,000), b (20,000), c (60,000) in category "jongeren"; approval 1 to 2. */
    static long draft(Api api, String token, String name) {
        return api.draftWithThreeProposals(token, name, Map.of());
    }

    static List<String> issue(Api api, String token, long election, int n, String label) {
        return api.issueCodes(token, election, n, label);
    }

    static List<String> codesOfCsv(String csv) {
        return Api.codesOfCsv(csv);
    }

    static Map<String, Object> ballot(String code, List<String> projects) {
        return Map.of("code", code, "projects", projects, "submissionId", submissionId());
    }

    static String submissionId() {
        return Api.submissionId();
    }

    /** Closes, tallies and publishes; returns the public result. */
    static Map<String, Object> finish(Api api, String token, long election) {
        String base = "/api/elections/" + election;
        api.post(base + "/close", null, token).ok(200);
        api.post(base + "/tally", null, token).ok(200);
        return api.post(base + "/publish", Map.of("councilDecision", "Besluit " + election), token).ok(200).map();
    }

    /** Downloads the bundle and verifies it against the fingerprint of the published result; returns the report. */
    @SuppressWarnings("unchecked")
    static VerificationReport verify(HttpClient client, Map<String, Object> result, long election) {
        byte[] zip = client.toBlocking().retrieve(HttpRequest.GET("/api/elections/" + election + "/audit-bundle"), byte[].class);
        String fingerprint = (String) ((Map<String, Object>) result.get("signingKey")).get("fingerprint");
        VerificationReport report = BundleVerifier.verify(AuditBundle.fromZip(zip), VerifyOptions.expectingKey(fingerprint));
        assertTrue(report.passed(), report::summary);
        return report;
    }
}
