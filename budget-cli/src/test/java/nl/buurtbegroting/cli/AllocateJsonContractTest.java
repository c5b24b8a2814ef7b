package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The keys and types of {@code allocate --format json} that other tools rely on, for every rule. */
class AllocateJsonContractTest {

    static final List<String> CONTRACT = List.of("rule", "budget", "totalCost", "selected", "projects", "ties",
            "tieBreaking");
    static final List<String> PROJECT_CONTRACT = List.of("id", "name", "cost", "support", "selected", "decision",
            "reason");

    @ParameterizedTest
    @EnumSource(RuleName.class)
    void everyRuleWritesTheContractKeysWithTheirTypes(RuleName rule) {
        Cli.Result r = Cli.run("allocate", Cli.file("pabulib/Netherlands_Assen_2024.pb"), "--rule", rule.label(),
                "--tie-break", "id", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Map<String, Object> json = JsonParser.object(JsonParser.STANDARD.parse("output", r.out()));

        assertEquals(CONTRACT, List.copyOf(json.keySet()).subList(0, CONTRACT.size()), "contract keys come first, in order");
        assertEquals(rule.label(), json.get("rule"));
        assertEquals(100000L, json.get("budget"));
        assertInstanceOf(Long.class, json.get("totalCost"));
        assertEquals("id", json.get("tieBreaking"));
        List<Object> selected = JsonParser.array(json.get("selected"));
        selected.forEach(id -> assertInstanceOf(String.class, id));

        long funded = 0;
        long spent = 0;
        List<Object> projects = JsonParser.array(json.get("projects"));
        assertEquals(14, projects.size());
        for (Object o : projects) {
            Map<String, Object> p = JsonParser.object(o);
            assertTrue(p.keySet().containsAll(PROJECT_CONTRACT), p.keySet().toString());
            assertInstanceOf(String.class, p.get("id"));
            assertInstanceOf(String.class, p.get("name"));
            assertInstanceOf(Long.class, p.get("cost"));
            assertInstanceOf(Long.class, p.get("support"));
            assertInstanceOf(String.class, p.get("decision"));
            assertInstanceOf(String.class, p.get("reason"));
            if ((Boolean) p.get("selected")) {
                funded++;
                spent += (Long) p.get("cost");
                assertTrue(selected.contains(p.get("id")));
            }
        }
        assertEquals(selected.size(), funded);
        assertEquals(json.get("totalCost"), spent);
        for (Object o : JsonParser.array(json.get("ties"))) {
            Map<String, Object> tie = JsonParser.object(o);
            assertEquals(List.of("step", "tied", "winner", "policy"), List.copyOf(tie.keySet()));
            assertTrue(JsonParser.array(tie.get("tied")).contains(tie.get("winner")));
        }
    }
}
