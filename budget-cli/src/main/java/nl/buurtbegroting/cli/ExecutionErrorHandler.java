package nl.buurtbegroting.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import nl.buurtbegroting.core.rules.UnsupportedElectionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on standard error and an exit code from
 * {@link ExitCodes}. No stack trace is ever printed: expected failures say what is wrong with the
 * input, and anything else is reported as an internal error with its message.
 */
final class ExecutionErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        int code;
        String message;
        if (ex instanceof CliException e) {
            code = e.exitCode();
            message = e.getMessage();
        } else if (ex instanceof UnsupportedElectionException e) {
            code = ExitCodes.CANNOT_COUNT;
            message = "cannot count: " + e.getMessage();
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            code = ExitCodes.INVALID_INPUT;
            message = "cannot read input: " + ex.getMessage();
        } else {
            code = ExitCodes.INTERNAL_ERROR;
            message = "internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText(message));
        commandLine.getErr().flush();
        return code;
    }
}
