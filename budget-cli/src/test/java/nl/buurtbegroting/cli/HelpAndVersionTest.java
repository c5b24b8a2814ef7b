package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import nl.buurtbegroting.core.audit.Check;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class HelpAndVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "allocate", "compare", "validate", "explain"})
    void helpListsEveryExitCode(String command) {
        Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("\nExit codes:\n"), r.out());
        for (Map.Entry<String, String> e : ExitCodes.helpList().entrySet()) {
            assertTrue(r.out().matches("(?s).*\\n +" + e.getKey().strip() + " +" + Pattern.quote(e.getValue())
                    + "\\n.*"), "lists exit code " + e.getKey() + " in\n" + r.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "allocate", "validate"})
    void helpListsTheExitCodesAlsoOnABareCommandLine(String command) {
        CommandLine cl = new CommandLine(new BudgetCli());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = command.isEmpty() ? cl.execute("--help") : cl.execute(command, "--help");
        assertEquals(ExitCodes.OK, code);
        assertTrue(out.toString().contains("\nExit codes:\n"), out.toString());
        assertTrue(out.toString().contains("cannot count this election"), out.toString());
    }

    @Test
    void exitCodesHaveTheDocumentedNumbers() {
        assertEquals(0, ExitCodes.OK);
        assertEquals(1, ExitCodes.VERIFICATION_FAILED);
        assertEquals(2, ExitCodes.USAGE);
        assertEquals(3, ExitCodes.INVALID_INPUT);
        assertEquals(4, ExitCodes.CANNOT_COUNT);
        assertEquals(5, ExitCodes.INVALID_BALLOTS);
    }

    @Test
    void verifyCheckCodesAreTheRangeTheHelpNames() {
        int[] codes = Arrays.stream(Check.values()).mapToInt(Check::exitCode).sorted().toArray();
        assertEquals(ExitCodes.FIRST_CHECK, codes[0]);
        assertEquals(ExitCodes.LAST_CHECK, codes[codes.length - 1]);
    }

    @Test
    void helpListsTheRulesOfTheCore() {
        Cli.Result r = Cli.run("allocate", "--help");
        String rules = String.join(", ", RuleNames.labels());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("Allocation rule: " + rules + "."), r.out());
        for (RuleName rule : RuleName.values()) {
            assertTrue(r.out().contains(rule.label()));
        }
    }

    @Test
    void topLevelHelpNamesTheCommands() {
        Cli.Result r = Cli.run("--help");
        for (String command : new String[] {"allocate", "compare", "validate", "explain"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " in\n" + r.out());
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        Cli.Result r = Cli.run("--version");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().startsWith("budget "), r.out());
        assertFalse(r.out().contains("unknown"), "version.properties is filtered: " + r.out());
        assertFalse(r.out().contains("${"), r.out());
    }
}
