package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, fault 18: after publication export.pb carries the ballots and how they were counted; it recomputes the outcome. */
@MicronautTest(transactional = false)
class OpenDataExportTest extends ApiTestBase {

    @Test
    void theExportOfAPublishedElectionRecomputesItsOutcome() throws Exception {
        long id = Lifecycle.draft(api, admin, "Open data");
        String base = "/api/elections/" + id;
        api.patch(base, Map.of("tieBreaking", Map.of("policy", "GIVEN", "order", List.of("c", "b", "a")),
                "categories", List.of(Map.of("name", "jongeren", "cap", 70_000))), admin).ok(200);
        List<String> codes = Lifecycle.issue(api, admin, id, 12, "brieven");
        api.post(base + "/open", null, admin).ok(200);
        List<List<String>> choices = List.of(List.of("a"), List.of("b"), List.of("c"), List.of("a", "c"));
        for (int i = 0; i < codes.size(); i++) {
            api.post(base + "/ballots", Lifecycle.ballot(codes.get(i), choices.get(i % choices.size())), null).ok(201);
        }
        assertEquals(0, read(api.get(base + "/export.pb", admin).body()).profile().size(), "no ballots before publication");
        Map<String, Object> result = Lifecycle.finish(api, admin, id);

        Election exported = read(api.get(base + "/export.pb", null).ok(200).body());
        assertEquals(12, exported.profile().size());
        Map<String, String> meta = exported.instance().meta();
        assertEquals("given:c,b,a", meta.get("tie_breaking"));
        assertEquals("true", meta.get("apply_category_caps"));
        var outcome = RuleName.GREEDY.create(RuleOptions.withTieBreaking(TieBreaking.parse(meta.get("tie_breaking"))))
                .allocate(exported);
        assertEquals(result.get("selected"), outcome.selected());
    }

    /**
     * Incompatible groups travel in META {@code incompatible_groups}: without them greedy on the export funded a and b
     * (50,000 of 100,000), where the election, with a and b incompatible, funded b and c.
     */
    @Test
    void theExportCarriesIncompatibleGroupsSoItFundsWhatWasPublished() throws Exception {
        long id = Lifecycle.draft(api, admin, "Open data met groepen");
        String base = "/api/elections/" + id;
        api.patch(base, Map.of("incompatibleGroups", List.of(List.of("a", "b"))), admin).ok(200);
        List<String> codes = Lifecycle.issue(api, admin, id, 11, "brieven");
        api.post(base + "/open", null, admin).ok(200);
        List<List<String>> choices = List.of(List.of("a", "b"), List.of("a", "b"), List.of("b", "c"));
        for (int i = 0; i < codes.size(); i++) {
            api.post(base + "/ballots", Lifecycle.ballot(codes.get(i), choices.get(i % choices.size())), null).ok(201);
        }
        Map<String, Object> result = Lifecycle.finish(api, admin, id);
        assertEquals(List.of("b", "c"), result.get("selected"));

        String file = api.get(base + "/export.pb", null).ok(200).body();
        assertTrue(file.contains("\nincompatible_groups;a,b\n"), file);
        Election exported = read(file);
        assertEquals(List.of(java.util.Set.of("a", "b")), exported.instance().incompatibleGroups());
        assertEquals(result.get("selected"), RuleName.GREEDY.create().allocate(exported).selected());
        assertEquals(List.of("b", "a"), RuleName.GREEDY.create().allocate(
                new Election(exported.instance().withIncompatibleGroups(List.of()), exported.profile())).selected());
    }

    private static Election read(String text) throws Exception {
        return PabulibReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "export.pb",
                PabulibReader.Options.DEFAULT);
    }
}
