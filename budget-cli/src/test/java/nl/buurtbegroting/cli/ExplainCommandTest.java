package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import nl.buurtbegroting.core.json.JsonParser;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

    private static final String ASSEN = "pabulib/Netherlands_Assen_2024.pb";

    @Test
    void explainsInEnglishWhyAProjectDidNotFit() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "greedy", "--project", "1", "--lang", "en");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("""
                project 1: Scooter Night Ride
                rule greedy, tie-breaking default

                Not funded: """), r.out());
        assertTrue(r.out().contains("\u20ac6,800"), "the amount left, written the English way: " + r.out());
        assertTrue(r.out().endsWith("""

                decision  DOES_NOT_FIT
                reason    costs 40000 but only 6800 was left when its turn came
                cost      40000
                support   23
                funded    no
                """), r.out());
    }

    @Test
    void explainsInDutchByDefault() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "greedy", "--project", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("\nNiet gefinancierd: "), r.out());
        assertTrue(r.out().contains("\u20ac 6.800"), "the amount left, written the Dutch way: " + r.out());
    }

    @Test
    void explainsAFundedProject() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "knapsack", "--project", "12", "--lang", "EN");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("\nFunded: "), r.out());
        assertTrue(r.out().contains("decision  FUNDED\n"), r.out());
    }

    @Test
    void jsonCarriesTheExplanationAndTheDecision() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "greedy", "--project", "1", "--lang", "en",
                "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Map<String, Object> json = JsonParser.object(JsonParser.STANDARD.parse("output", r.out()));
        assertEquals("1", json.get("id"));
        assertEquals("DOES_NOT_FIT", json.get("decision"));
        assertEquals(false, json.get("selected"));
        assertEquals("en", json.get("language"));
        assertTrue(((String) json.get("headline")).startsWith("Not funded: "));
        assertTrue(((String) json.get("body")).contains("\u20ac6,800"));
    }

    @Test
    void unknownProjectGivesExitCode2AndListsTheProjects() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "greedy", "--project", "99");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("project '99' is not in " + Cli.file(ASSEN)
                + "; its projects are: 3, 9, 8, 2, 11, 1, 13, 10, 14, 5, 6, 7, 12, 4\n"), r.err());
    }

    @Test
    void unknownLanguageGivesExitCode2() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "greedy", "--project", "1", "--lang", "fr");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("valid languages: nl, en"), r.err());
    }
}
