package nl.buurtbegroting.cli;

/**
 * A failure the tool expected and can explain in one line: the message is shown as it is (no class
 * name, no stack trace) and the command ends with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The input file is missing, unreadable or malformed ({@link ExitCodes#INVALID_INPUT}). */
    public static CliException invalidInput(String message) {
        return new CliException(ExitCodes.INVALID_INPUT, message);
    }

    /** The rule cannot count this election ({@link ExitCodes#CANNOT_COUNT}). */
    public static CliException cannotCount(String message) {
        return new CliException(ExitCodes.CANNOT_COUNT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
