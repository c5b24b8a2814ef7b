package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The tool builds only the command it is asked to run ({@link BudgetCli#forArguments}); what it prints and
 * returns must be what the whole tool gives: help (with the exit codes and verify's list of checks), usage
 * errors, file errors and a real run.
 */
class OneCommandLineTest {

    static Stream<List<String>> arguments() {
        String assen = Cli.file("pabulib/Netherlands_Assen_2024.pb");
        return Stream.of(List.of("allocate", "--help"), List.of("compare", "-h"), List.of("validate", "--help"),
                List.of("explain", "--help"), List.of("verify", "--help"), List.of("allocate", "--version"),
                List.of("allocate"), List.of("allocate", "-r", "nope", assen), List.of("allocate", "-r", "greedy", assen, "x"),
                List.of("allocate", "-r", "greedy", "--bogus", assen), List.of("allocate", "-r", "greedy", "/no/such.pb"),
                List.of("allocate", "-r", "mes", assen), List.of("allocate", "-r", "phragmen", "--format", "json", assen),
                List.of("validate", assen), List.of("explain", "-r", "mes", assen), List.of("compare", assen),
                List.of("verify", "/no/such.zip"), List.of("--help"), List.of("help", "allocate"), List.of(), List.of("alloc"));
    }

    @ParameterizedTest
    @MethodSource("arguments")
    void sameAsTheWholeTool(List<String> args) {
        String[] array = args.toArray(new String[0]);
        assertEquals(run(BudgetCli.newCommandLine(), array), run(BudgetCli.forArguments(array), array));
    }

    private static List<Object> run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return List.of(code, out.toString(), err.toString());
    }
}
