package nl.buurtbegroting.service.voting;

import nl.buurtbegroting.service.Api;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test fixtures for voting: an open election with proposals a, b, c and codes issued for it. */
final class Voting {

    /** A fixed test key (base64 of 32 bytes); tests set {@code bb.code-key} to it. */
    static final String CODE_KEY = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=";

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private Voting() {
    }

    /** A draft election with three eligible proposals a (30,000), b (20,000), c (60,000); approval 1 to 2. */
    static long draft(Api api, String token, String name) {
        Map<String, Object> body = new HashMap<>(Api.election(name));
        body.put("ballot", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2));
        long id = api.post("/api/elections", body, token).ok(201).id();
        for (String[] p : new String[][] {{"a", "30000"}, {"b", "20000"}, {"c", "60000"}}) {
            Map<String, Object> proposal = new HashMap<>(Api.proposal("Voorstel " + p[0], Long.parseLong(p[1]), "jongeren", "ELIGIBLE"));
            proposal.put("code", p[0]);
            api.post("/api/elections/" + id + "/proposals", proposal, token).ok(201);
        }
        return id;
    }

    static void open(Api api, String token, long id) {
        api.post("/api/elections/" + id + "/open", null, token).ok(200);
    }

    /** Issues {@code n} codes and returns them as printed in the CSV. */
    static List<String> issue(Api api, String token, long election, int n, String label) {
        Api.Res res = api.post("/api/elections/" + election + "/code-batches", Map.of("count", n, "label", label), token).ok(201);
        return codesOf(res.body());
    }

    static List<String> codesOf(String csv) {
        String[] lines = csv.split("\r\n");
        assertEquals("code,batch,url", lines[0]);
        List<String> codes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            codes.add(lines[i].substring(0, lines[i].indexOf(',')));
        }
        return codes;
    }

    static String submissionId() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Map<String, Object> ballot(String code, List<String> projects, String submissionId) {
        return Map.of("code", code, "projects", projects, "submissionId", submissionId);
    }

    /** A JSON body without a mapper, for load tests. */
    static String ballotJson(String code, String project, String submissionId) {
        return "{\"code\":\"" + code + "\",\"projects\":[\"" + project + "\"],\"submissionId\":\"" + submissionId + "\"}";
    }
}
