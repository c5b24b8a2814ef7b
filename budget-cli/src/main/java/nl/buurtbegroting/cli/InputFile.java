package nl.buurtbegroting.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibFormatException;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import picocli.CommandLine.Parameters;

/**
 * The election file every command reads. A missing, unreadable or malformed file ends the command
 * with {@link ExitCodes#INVALID_INPUT} and a one-line message in the form
 * {@code FILE:LINE: field FIELD: message [CODE]}.
 */
final class InputFile {

    @Parameters(index = "0", paramLabel = "FILE", description = "A Pabulib election file (.pb, or gzipped .pb.gz).")
    Path file;

    Path path() {
        return file;
    }

    /** Reads the election or throws a {@link CliException} that says exactly what is wrong. */
    Election read() {
        if (!Files.exists(file)) {
            throw CliException.invalidInput(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw CliException.invalidInput(file + ": is a directory, not a Pabulib file");
        }
        if (!Files.isReadable(file)) {
            throw CliException.invalidInput(file + ": cannot be read (permission denied)");
        }
        try {
            return PabulibReader.read(file);
        } catch (PabulibFormatException e) {
            throw CliException.invalidInput(describe(file, e));
        } catch (IOException e) {
            throw CliException.invalidInput(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** {@code FILE:LINE: field FIELD: message [CODE]}; the line and the field are left out when unknown. */
    static String describe(Path file, PabulibFormatException e) {
        StringBuilder sb = new StringBuilder(file.toString());
        if (e.line() > 0) {
            sb.append(':').append(e.line());
        }
        sb.append(": ");
        if (!e.field().isEmpty()) {
            sb.append("field ").append(e.field()).append(": ");
        }
        return sb.append(e.detail()).append(" [").append(e.code()).append(']').toString();
    }
}
