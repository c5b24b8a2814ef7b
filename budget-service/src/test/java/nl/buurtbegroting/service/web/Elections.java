package nl.buurtbegroting.service.web;

import nl.buurtbegroting.service.Api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Elections for the page tests, made through the API as an organiser would: one per ballot format. */
final class Elections {

    private Elections() {
    }

    /**
     * An open election with proposals a (€ 30,000), b (€ 20,000), c (€ 60,000), all admitted, and r, refused
     * with a public reason; {@code ballot} is the API's ballot settings.
     */
    static long open(Api api, String token, String name, Map<String, Object> ballot, String rule) {
        Map<String, Object> body = new HashMap<>(Api.election(name));
        body.put("ballot", ballot);
        body.put("rule", rule);
        long id = api.post("/api/elections", body, token).ok(201).id();
        for (String[] p : new String[][] {{"a", "Speeltuin Oost", "30000"}, {"b", "Bankjes bij de vijver", "20000"},
                {"c", "Buurthuis opknappen", "60000"}}) {
            Map<String, Object> proposal = new HashMap<>(Api.proposal(p[1], Long.parseLong(p[2]), "jongeren", "ELIGIBLE"));
            proposal.put("code", p[0]);
            proposal.put("summary", "Een plan van bewoners voor " + p[1].toLowerCase() + ".");
            api.post("/api/elections/" + id + "/proposals", proposal, token).ok(201);
        }
        Map<String, Object> refused = new HashMap<>(Api.proposal("Parkeergarage", 90000, "jongeren", "INELIGIBLE"));
        refused.put("code", "r");
        refused.put("publicReason", "Dit is geen taak van de buurt.");
        api.post("/api/elections/" + id + "/proposals", refused, token).ok(201);
        api.post("/api/elections/" + id + "/open", null, token).ok(200);
        return id;
    }

    /**
     * Issues codes and returns them as printed on the letters. The elections here are open already, so the
     * organiser's batch awaits a second staff member (issue 11, separation of duties): the admin approves it.
     */
    @SuppressWarnings("unchecked")
    static List<String> codes(Api api, String token, long election, int n, String label) {
        var asked = api.post("/api/elections/" + election + "/code-batches", Map.of("count", n, "label", label), token);
        String csv;
        if (asked.status() == 202) {
            Object batch = asked.map().get("id");
            csv = api.post("/api/elections/" + election + "/code-batches/" + batch + "/approve", null, api.adminToken())
                    .ok(201).body();
        } else {
            csv = asked.ok(201).body();
        }
        return Api.codesOfCsv(csv);
    }

    /** The same code with one character changed: the check symbol catches it. */
    static String typo(String code) {
        char c = code.charAt(5);
        char other = c == 'A' ? 'B' : 'A';
        return code.substring(0, 5) + other + code.substring(6);
    }
}
