package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpAndVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "allocate", "compare", "validate", "explain"})
    void helpListsEveryExitCode(String command) {
        Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("\nExit codes:\n"), r.out());
        for (Map.Entry<String, String> e : ExitCodes.helpList().entrySet()) {
            assertTrue(r.out().matches("(?s).*\\n +" + e.getKey().strip() + " +" + java.util.regex.Pattern.quote(e.getValue())
                    + "\\n.*"), "lists exit code " + e.getKey() + " in\n" + r.out());
        }
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
