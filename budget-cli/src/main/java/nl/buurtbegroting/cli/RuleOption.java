package nl.buurtbegroting.cli;

import nl.buurtbegroting.core.rules.RuleName;
import picocli.CommandLine.Option;

/** The shared, required {@code -r/--rule RULE} option of the commands that run one rule. */
final class RuleOption {

    @Option(names = {"-r", "--rule"}, required = true, paramLabel = "RULE", converter = RuleNames.Converter.class,
            completionCandidates = RuleNames.class, description = "Allocation rule: ${COMPLETION-CANDIDATES}.")
    RuleName rule;
}
