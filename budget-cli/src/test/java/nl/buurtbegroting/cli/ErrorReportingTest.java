package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorReportingTest {

    @TempDir
    Path dir;

    private static final String ASSEN = "pabulib/Netherlands_Assen_2024.pb";

    @Test
    void malformedFileGivesExitCode3WithFileLineFieldAndCode() throws IOException {
        String good = Files.readString(Path.of(Cli.file(ASSEN)), StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.pb");
        Files.writeString(bad, good.replace("budget;100000", "budget;lots"), StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("allocate", bad.toString(), "--rule", "greedy");

        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(bad + ":9: field budget: "), r.err());
        assertTrue(r.err().endsWith(" [INVALID_NUMBER]\n"), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace");
    }

    @Test
    void badVoteRowNamesItsLine() throws IOException {
        String good = Files.readString(Path.of(Cli.file(ASSEN)), StandardCharsets.UTF_8);
        Path bad = dir.resolve("unknown-project.pb");
        Files.writeString(bad, good.replace("vote046173fb-2020-434c-8996-228dbd840ad5;1,3",
                "vote046173fb-2020-434c-8996-228dbd840ad5;1,99"), StandardCharsets.UTF_8);

        for (String command : new String[] {"allocate", "compare", "validate", "explain"}) {
            Cli.Result r = switch (command) {
                case "allocate" -> Cli.run(command, bad.toString(), "--rule", "greedy");
                case "explain" -> Cli.run(command, bad.toString(), "--rule", "greedy", "--project", "1");
                default -> Cli.run(command, bad.toString());
            };
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), command + ": " + r.err());
            assertTrue(r.err().startsWith(bad + ":38: "), r.err());
            assertTrue(r.err().endsWith("[UNKNOWN_PROJECT]\n"), r.err());
        }
    }

    @Test
    void missingFileGivesExitCode3() {
        Path missing = dir.resolve("nowhere.pb");
        Cli.Result r = Cli.run("allocate", missing.toString(), "--rule", "greedy");
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertEquals(missing + ": no such file\n", r.err());
    }

    @Test
    void directoryGivesExitCode3() {
        Cli.Result r = Cli.run("validate", dir.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertEquals(dir + ": is a directory, not a Pabulib file\n", r.err());
    }

    @Test
    void unknownRuleGivesExitCode2AndListsEveryRule() {
        Cli.Result r = Cli.run("allocate", Cli.file(ASSEN), "--rule", "fastest");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        String firstLine = r.err().lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith("Invalid value for option '--rule': unknown rule 'fastest'; valid rules: "),
                firstLine);
        for (RuleName rule : RuleName.values()) {
            assertTrue(firstLine.contains(rule.label()), "lists " + rule.label());
        }
        assertTrue(r.err().contains("Try 'budget allocate --help' for more information."));
    }

    @Test
    void ruleNamesUseTheCoreSpellings() {
        Cli.Result r = Cli.run("allocate", Cli.file(ASSEN), "--rule", "maxwelfare", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("\"rule\": \"knapsack\""));
    }

    @Test
    void unknownTieBreakingPolicyGivesExitCode2AndListsThePolicies() {
        Cli.Result r = Cli.run("allocate", Cli.file(ASSEN), "--rule", "greedy", "--tie-break", "coin");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("Invalid value for option '--tie-break': unknown tie-breaking policy 'coin';"
                + " use default, id, id-desc, given:ID,ID,... or random:SEED\n"), r.err());
    }

    @Test
    void usageMistakesGiveExitCode2() {
        assertEquals(ExitCodes.USAGE, Cli.run("allocate", Cli.file(ASSEN)).code(), "missing --rule");
        assertEquals(ExitCodes.USAGE, Cli.run("allocate", "--rule", "greedy").code(), "missing FILE");
        assertEquals(ExitCodes.USAGE, Cli.run("allocate", Cli.file(ASSEN), "-r", "greedy", "--format", "xml").code());
        assertEquals(ExitCodes.USAGE, Cli.run("allocate", Cli.file(ASSEN), "-r", "greedy", "--min-support", "-1").code());
        assertEquals(ExitCodes.USAGE, Cli.run("allocate", Cli.file(ASSEN), "-r", "greedy", "--bogus").code());
        assertEquals(ExitCodes.USAGE, Cli.run("alocate").code());
        assertEquals(ExitCodes.USAGE, Cli.run().code(), "no command");
    }

    @Test
    void ruleThatCannotCountGivesExitCode4() {
        String ranked = Cli.file("crafted/ranked-ballots.pb");
        Cli.Result r = Cli.run("allocate", ranked, "--rule", "greedy");
        assertEquals(ExitCodes.CANNOT_COUNT, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(ranked + ": "), r.err());
        assertTrue(r.err().contains("ordinal"), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void noErrorEverPrintsAStackTrace() {
        String[][] runs = {
                {"allocate", Cli.file("crafted/ranked-ballots.pb"), "--rule", "knapsack"},
                {"compare", Cli.file("crafted/ranked-ballots.pb")},
                {"explain", Cli.file("crafted/ranked-ballots.pb"), "--rule", "greedy", "--project", "a"},
                {"allocate", dir.resolve("x.pb").toString(), "--rule", "greedy"},
        };
        for (String[] args : runs) {
            Cli.Result r = Cli.run(args);
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }
}
