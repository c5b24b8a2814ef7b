package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, fault 8: "A or B, not both" is settable in DRAFT, validated, counted and published. */
@MicronautTest(transactional = false)
class IncompatibleGroupsTest extends ApiTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void atMostOneProposalOfAGroupIsFundedAndTheBundleSaysSo() {
        long id = Lifecycle.draft(api, admin, "Of-of");
        String base = "/api/elections/" + id;
        api.patch(base, Map.of("incompatibleGroups", List.of(List.of("a", "a"))), admin).invalid("incompatibleGroups[0]", "DUPLICATE_IN_GROUP");
        api.patch(base, Map.of("incompatibleGroups", List.of(List.of("a"))), admin).invalid("incompatibleGroups[0]", "SIZE");
        api.patch(base, Map.of("incompatibleGroups", List.of(List.of("a", "zz"))), admin).ok(200);
        Map<String, Object> p = api.post(base + "/open", null, admin).problem(409, "ELECTION_INCOMPLETE");
        assertTrue(p.toString().contains("UNKNOWN_PROPOSAL"), p.toString());
        assertEquals(List.of(List.of("a", "b")),
                api.patch(base, Map.of("incompatibleGroups", List.of(List.of("a", "b"))), admin).ok(200).get("incompatibleGroups"));
        List<String> codes = Lifecycle.issue(api, admin, id, 12, "brieven");
        api.post(base + "/open", null, admin).ok(200);
        api.patch(base, Map.of("incompatibleGroups", List.of()), admin).problem(409, "ELECTION_NOT_DRAFT");
        // Everybody wants a and b (together 50,000 of 100,000): without the group greedy funds both.
        for (String code : codes) {
            api.post(base + "/ballots", Lifecycle.ballot(code, List.of("a", "b")), null).ok(201);
        }
        Map<String, Object> result = Lifecycle.finish(api, admin, id);
        // a wins the tie with b by id; b is then INCOMPATIBLE (greedy still funds c, which fits).
        assertEquals(List.of("a", "c"), result.get("selected"));
        Map<String, Object> b = ((List<Map<String, Object>>) result.get("projects")).get(1);
        assertEquals("INCOMPATIBLE", b.get("decision"));
        byte[] zip = client.toBlocking().retrieve(base + "/audit-bundle", byte[].class);
        AuditBundle bundle = AuditBundle.fromZip(zip);
        String all = new String(bundle.file(AuditBundle.MANIFEST), StandardCharsets.UTF_8);
        for (String name : bundle.names()) {
            all += new String(bundle.file(name), StandardCharsets.UTF_8);
        }
        assertTrue(all.contains("[\"a\",\"b\"]"), "the group is in the bundle");
        Lifecycle.verify(client, result, id);
    }
}
