package nl.buurtbegroting.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code budget} command: participatory budgeting on Pabulib files. Its subcommands are
 * {@code allocate}, {@code compare}, {@code validate} and {@code explain}; {@link #newCommandLine()}
 * wires them with the tool's error handlers and the exit code list of {@link ExitCodes}.
 */
@Command(name = "budget", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Participatory budgeting on Pabulib election files (pabulib.org): compute, compare, check and"
                + " explain which projects a rule funds, with exact arithmetic.",
        subcommands = {AllocateCommand.class, CompareCommand.class, ValidateCommand.class, ExplainCommand.class, VerifyCommand.class,
                CommandLine.HelpCommand.class})
public final class BudgetCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error that points to the help. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a command: allocate, compare, validate or explain");
    }

    /**
     * The command line as the tool runs it: one-line error messages instead of stack traces, usage
     * errors with exit code {@link ExitCodes#USAGE}, and the exit codes listed in every command's help.
     * Output goes to {@link CommandLine#getOut()} and {@link CommandLine#getErr()}, which callers
     * (and tests) may replace.
     */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new BudgetCli());
        cl.setExecutionExceptionHandler(new ExecutionErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        listExitCodes(cl);
        return cl;
    }

    private static void listExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                listExitCodes(sub);
            }
        }
    }

    public static void main(String[] args) {
        CommandLine cl = newCommandLine();
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }
}
