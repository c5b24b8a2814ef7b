package nl.buurtbegroting.cli;

import picocli.CommandLine.Option;

/** The shared {@code --format text|json} option. */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Candidates.class,
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.TEXT;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
