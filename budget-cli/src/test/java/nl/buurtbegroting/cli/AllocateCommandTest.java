package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllocateCommandTest {

    private static final Pattern SELECTED = Pattern.compile("\"selected\": \\[([^\\]]*)]");
    private static final Pattern TOTAL_COST = Pattern.compile("\"totalCost\": (\\d+)");

    /**
     * Expected selections and total costs copied from shared/pabulib/expected.json (pabutools 1.2.3; all
     * these entries have tie_sensitive false, so any tie-breaking gives them). "knapsack" is "maxwelfare" there.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', value = {
            "Netherlands_Assen_2024.pb | greedy   | 11 13 14 2 3 8 9           | 99200",
            "Netherlands_Assen_2024.pb | knapsack | 11 12 13 14 2 3 5 6 7 9    | 88700",
            "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb | greedy   | 1623 2567 427 915 | 44720",
            "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb | knapsack | 1623 2567 427 915 | 44720",
            "Poland_Czestochowa_2020_Podjasnogorska.pb | greedy   | 210 271 490 | 143300",
            "Poland_Czestochowa_2020_Podjasnogorska.pb | knapsack | 210 271 490 | 143300",
    })
    void jsonSelectsWhatTheReferenceSelects(String file, String rule, String expectedIds, long expectedCost) {
        for (String policy : new String[] {"id", "default"}) {
            Cli.Result r = Cli.run("allocate", Cli.file("pabulib/" + file), "--rule", rule, "--tie-break", policy,
                    "--format", "json");
            assertEquals(ExitCodes.OK, r.code(), r.err());
            assertEquals("", r.err());
            assertEquals(Set.of(expectedIds.split(" ")), selected(r.out()), "selected with " + policy);
            assertEquals(expectedCost, totalCost(r.out()));
            assertTrue(r.out().contains("\"tieBreaking\": \"" + policy + "\""), r.out());
        }
    }

    @Test
    void jsonListsSelectedProjectsInTheOrderTheyWereFunded() {
        Cli.Result r = Cli.run("allocate", Cli.file("pabulib/Netherlands_Assen_2024.pb"), "-r", "greedy", "--format", "json");
        assertEquals(ExitCodes.OK, r.code());
        // by approvals: 3 (43), 9 (42), 8 (25), 2 and 11 (24 each; 2 is cheaper), 13 (21), 14 (14)
        assertTrue(r.out().contains("\"selected\": [\"3\", \"9\", \"8\", \"2\", \"11\", \"13\", \"14\"],"), r.out());
        assertTrue(r.out().startsWith("{\n  \"rule\": \"greedy\",\n  \"budget\": 100000,\n  \"totalCost\": 99200,\n"));
    }

    @Test
    void jsonMatchesTheContractExactlyWithEscapedNames() {
        Cli.Result r = Cli.run("allocate", Cli.file("crafted/names-to-escape.pb"), "--rule", "greedy", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(Cli.text("crafted/names-to-escape.greedy.json"), r.out());
        assertTrue(r.out().chars().allMatch(c -> c < 0x80), "JSON output is plain ASCII");
    }

    @Test
    void jsonOfAPolishElectionEscapesItsLetters() {
        Cli.Result r = Cli.run("allocate", Cli.file("pabulib/Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb"),
                "--rule", "greedy", "--format", "json");
        assertEquals(ExitCodes.OK, r.code());
        // "Życzliwość wobec kobiet w ciąży dla mieszkanek Wesołej."
        assertTrue(r.out().contains("\"name\": \"\\u017byczliwo\\u015b\\u0107 wobec kobiet w ci\\u0105\\u017cy dla"
                + " mieszkanek Weso\\u0142ej.\","), r.out());
    }

    @Test
    void textShowsAnAlignedTableAndTheSummary() {
        Cli.Result r = Cli.run("allocate", Cli.file("pabulib/Netherlands_Assen_2024.pb"), "--rule", "greedy");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("Assen Top Idee (Netherlands_Assen_2024.pb)", lines[0]);
        assertEquals("rule greedy, tie-breaking default", lines[1]);
        assertEquals("ID  NAME                     COST  SUPPORT  FUNDED  DECISION", lines[3]);
        assertEquals("3   PopUp Podium             7200       43  yes     FUNDED: funded in round 1 (greedy)", lines[4]);
        assertEquals("1   Scooter Night Ride      40000       23  no      DOES_NOT_FIT: costs 40000 but only 6800 was"
                + " left when its turn came", lines[9]);
        String summary = Arrays.stream(lines).skip(19).collect(Collectors.joining("\n"));
        assertEquals("""
                budget  100000
                spent    99200
                left       800
                funded       7
                voters      84
                ties         0""", summary);
    }

    @Test
    void minimumSupportAndNoSkipReachTheRule() {
        Cli.Result r = Cli.run("allocate", Cli.file("pabulib/Netherlands_Assen_2024.pb"), "--rule", "greedy",
                "--min-support", "24", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(Set.of("3", "9", "8", "2", "11"), selected(r.out()));
        assertTrue(r.out().contains("\"decision\": \"BELOW_THRESHOLD\""));

        Cli.Result stop = Cli.run("allocate", Cli.file("pabulib/Netherlands_Assen_2024.pb"), "--rule", "greedy",
                "--no-skip", "--format", "json");
        assertEquals(ExitCodes.OK, stop.code(), stop.err());
        assertEquals(Set.of("3", "9", "8", "2", "11"), selected(stop.out()));
    }

    @Test
    void readsGzippedFiles(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("Assen.pb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Path.of(Cli.file("pabulib/Netherlands_Assen_2024.pb")), out);
        }
        Cli.Result r = Cli.run("allocate", gz.toString(), "--rule", "greedy", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(99200, totalCost(r.out()));
    }

    static Set<String> selected(String json) {
        Matcher m = SELECTED.matcher(json);
        assertTrue(m.find(), json);
        Set<String> ids = new TreeSet<>();
        for (String id : m.group(1).split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip().replace("\"", ""));
            }
        }
        return ids;
    }

    static long totalCost(String json) {
        Matcher m = TOTAL_COST.matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }
}
