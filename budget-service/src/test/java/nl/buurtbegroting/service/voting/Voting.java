package nl.buurtbegroting.service.voting;

import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.service.Api;

import java.util.List;
import java.util.Map;


/** Test fixtures for voting: an open election with proposals a, b, c and codes issued for it. */
final class Voting {

    /** A fixed test key (base64 of 32 bytes); tests set {@code bb.code-key} to it. */
    static final String CODE_KEY = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=";

    private Voting() {
    }

    /** A draft election with three eligible proposals a (30,000), b (20,000), c (60,000); approval 1 to 2. */
    static long draft(Api api, String token, String name) {
        return api.draftWithThreeProposals(token, name, Map.of());
    }

    static void open(Api api, String token, long id) {
        api.post("/api/elections/" + id + "/open", null, token).ok(200);
    }

    /** Issues {@code n} codes and returns them as printed in the CSV. */
    static List<String> issue(Api api, String token, long election, int n, String label) {
        return api.issueCodes(token, election, n, label);
    }

    static List<String> codesOf(String csv) {
        return Api.codesOfCsv(csv);
    }

    static String submissionId() {
        return Api.submissionId();
    }

    static Map<String, Object> ballot(String code, List<String> projects, String submissionId) {
        return Map.of("code", code, "projects", projects, "submissionId", submissionId);
    }

    /** A JSON body without a mapper (core's writer), for load tests. */
    static String ballotJson(String code, String project, String submissionId) {
        return JsonWriter.canonical(ballot(code, List.of(project), submissionId));
    }
}
