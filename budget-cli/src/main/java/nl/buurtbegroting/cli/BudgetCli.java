package nl.buurtbegroting.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code budget} command: participatory budgeting on Pabulib files and audit bundles. Its subcommands
 * are {@code allocate}, {@code compare}, {@code validate}, {@code explain} and {@code verify}; {@link #newCommandLine()}
 * wires them with the tool's error handlers. Every command's help lists the exit codes of {@link ExitCodes}.
 */
@Command(name = "budget", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Participatory budgeting on Pabulib election files (pabulib.org): compute, compare, check and"
                + " explain which projects a rule funds, with exact arithmetic.",
        modelTransformer = ExitCodes.InHelp.class)
public final class BudgetCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error that points to the help. */
    @Override
    public Integer call() {
        List<String> commands = spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
        throw new ParameterException(spec.commandLine(), "Missing a command: " + String.join(", ", commands));
    }

    /**
     * The command line as the tool runs it: one-line error messages with the exit codes of
     * {@link ExitCodes} instead of stack traces, and brief usage errors. Use this rather than
     * {@code new CommandLine(new BudgetCli())}: picocli keeps exception handlers on the
     * {@code CommandLine}, not in the annotations, so a bare one would print a stack trace for a bad
     * file. Output goes to {@link CommandLine#getOut()} and {@link CommandLine#getErr()}, which callers
     * (and tests) may replace.
     */
    public static CommandLine newCommandLine() {
        return newCommandLine(SUBCOMMANDS);
    }

    /**
     * The command line for these arguments: when the first one names a command, only that command is built
     * (picocli builds every command's model by reflection before parsing: the others would only cost start-up
     * time, a tenth of a second of a city-sized {@code allocate}); otherwise the whole tool, for the top-level
     * help, version and errors. A command's help, errors and run do not depend on its siblings.
     */
    static CommandLine forArguments(String... args) {
        if (args.length > 0 && SUBCOMMANDS.contains(args[0])) {
            return newCommandLine(List.of(args[0]));
        }
        return newCommandLine();
    }

    /** The subcommands, in the order the help lists them (then {@code help}). */
    private static final List<String> SUBCOMMANDS = List.of("allocate", "compare", "validate", "explain", "verify");

    /** A switch rather than a map of constructor references: no lambda to bootstrap at start-up. */
    private static Object command(String name) {
        return switch (name) {
            case "allocate" -> new AllocateCommand();
            case "compare" -> new CompareCommand();
            case "validate" -> new ValidateCommand();
            case "explain" -> new ExplainCommand();
            case "verify" -> new VerifyCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static CommandLine newCommandLine(List<String> commands) {
        CommandLine cl = new CommandLine(new BudgetCli());
        for (String name : commands) {
            // a CommandLine of its own, so that picocli applies the command's model transformer (verify's list of checks)
            cl.addSubcommand(name, new CommandLine(command(name)));
        }
        if (commands.size() == SUBCOMMANDS.size()) {
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        new ExitCodes.InHelp().transform(cl.getCommandSpec());
        cl.setExecutionExceptionHandler(new ExecutionErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        Timing.mark("main");
        CommandLine cl = forArguments(args);
        Timing.mark("command line");
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        Timing.print();
        System.exit(code);
    }
}
