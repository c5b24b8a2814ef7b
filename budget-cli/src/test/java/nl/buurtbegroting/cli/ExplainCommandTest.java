package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExplainCommandTest {

    private static final String ASSEN = "pabulib/Netherlands_Assen_2024.pb";

    @Test
    void explainsAProjectThatDidNotFit() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "greedy", "--project", "1", "--lang", "en");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("project 1: Scooter Night Ride\nrule greedy, tie-breaking default\n"), r.out());
        assertTrue(r.out().contains("decision  DOES_NOT_FIT\n"), r.out());
        assertTrue(r.out().contains("costs 40000 but only 6800 was left when its turn came"), r.out());
    }

    @Test
    void explainsAFundedProject() {
        Cli.Result r = Cli.run("explain", Cli.file(ASSEN), "--rule", "knapsack", "--project", "12");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("decision  FUNDED\n"), r.out());
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
