package nl.buurtbegroting.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every exit code of the tool, in one place. The numbers are a contract for scripts: they never change
 * meaning. {@link #helpList()} is what {@code --help} shows under "Exit codes".
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /**
     * Reserved for a failed verification. {@code verify} itself is more precise: it exits with the code of
     * the first check that failed ({@link #FIRST_CHECK}..{@link #LAST_CHECK}, see the core's {@code Check}).
     */
    public static final int VERIFICATION_FAILED = 1;
    /** Wrong command line: unknown option, unknown rule, policy or project, missing argument. */
    public static final int USAGE = 2;
    /** The input file is missing, unreadable or not a valid Pabulib file. */
    public static final int INVALID_INPUT = 3;
    /** The rule cannot count this election (for example ordinal ballots, or a constraint it cannot honour). */
    public static final int CANNOT_COUNT = 4;
    /** {@code validate}: the file is well formed, but ballots break the election's own ballot rules. */
    public static final int INVALID_BALLOTS = 5;
    /** {@code verify}: the lowest and the highest code of a failing check ({@code Check#exitCode()}). */
    public static final int FIRST_CHECK = 10;
    public static final int LAST_CHECK = 21;
    /** A bug in the tool; the message says what failed. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }

    /** Code to description, in the format picocli's exit code list uses. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(key(OK), "success");
        list.put(key(USAGE), "usage error: unknown option, rule, policy or project");
        list.put(key(INVALID_INPUT), "input file missing, unreadable or malformed");
        list.put(key(CANNOT_COUNT), "the rule cannot count this election (e.g. ordinal ballots)");
        list.put(key(INVALID_BALLOTS), "ballots break the election's ballot rules (validate)");
        list.put(FIRST_CHECK + "-" + LAST_CHECK, "verify: the first check that failed (see verify --help)");
        list.put(key(INTERNAL_ERROR), "internal error (a bug: please report it)");
        return list;
    }

    private static String key(int code) {
        return String.format("%3d", code);
    }

    /** Puts {@link #helpList()} under "Exit codes" in the help of a command and of all its subcommands. */
    static final class InHelp implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(helpList());
            for (CommandLine sub : spec.subcommands().values()) {
                if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                    transform(sub.getCommandSpec());
                }
            }
            return spec;
        }
    }
}
