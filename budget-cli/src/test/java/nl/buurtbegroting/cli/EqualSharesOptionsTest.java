package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import org.junit.jupiter.api.Test;

/**
 * The Equal Shares options reproduce what the cities that use them published: Assen 2024 funded the
 * outcome of MES with the add-one completion (no greedy fill), Wieliczka 2023 kept raising the share
 * past the first exhaustive outcome. The city's choice is the {@code selected} column of each file.
 */
class EqualSharesOptionsTest {

    private static final Path DATA = AllocateConformanceTest.DATA.resolve("instances");

    @Test
    void addOneCompletionReproducesAssen2024() throws IOException {
        Path file = DATA.resolve("Netherlands_Assen_2024.pb");
        Cli.Result r = Cli.run("allocate", file.toString(), "--rule", "mes", "--completion", "add1", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(citySelection(file), selected(r));
    }

    @Test
    void raisingPastTheFirstExhaustiveOutcomeReproducesWieliczka2023() throws IOException {
        Path file = DATA.resolve("Poland_Wieliczka_2023_Green_Budget.pb");
        Cli.Result r = Cli.run("allocate", file.toString(), "--rule", "mes-add1", "--completion", "add1",
                "--raise-past-exhaustive", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(citySelection(file), selected(r));
        assertEquals(995079L, JsonParser.object(JsonParser.STANDARD.parse("output", r.out())).get("totalCost"));
    }

    @Test
    void unknownCompletionIsAUsageErrorListingTheChoices() {
        Cli.Result r = Cli.run("allocate", DATA.resolve("Netherlands_Assen_2024.pb").toString(), "--rule", "mes",
                "--completion", "bogus");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("use none, add1, greedy or add1-greedy"), r.err());
    }

    private static Set<String> selected(Cli.Result r) {
        Set<String> ids = new TreeSet<>();
        for (Object id : JsonParser.array(JsonParser.object(JsonParser.STANDARD.parse("output", r.out())).get("selected"))) {
            ids.add(id.toString());
        }
        return ids;
    }

    private static Set<String> citySelection(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file.toString());
        Set<String> ids = new TreeSet<>();
        for (Project p : PabulibReader.read(file).instance().projects()) {
            if ("1".equals(p.attributes().get("selected"))) {
                ids.add(p.id());
            }
        }
        return ids;
    }
}
