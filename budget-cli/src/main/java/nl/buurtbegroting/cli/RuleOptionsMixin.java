package nl.buurtbegroting.cli;

import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every rule takes: tie-breaking policy, minimum support and no-skip. */
final class RuleOptionsMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--tie-break", paramLabel = "POLICY", defaultValue = "default", converter = TieBreakingConverter.class,
            description = {"How equally good projects are ordered: default (more support, then lower cost, then listed"
                    + " order), id (smallest id as a string first: the policy of the Pabulib reference outcomes),"
                    + " id-desc, given:ID,ID,... or random:SEED (default: ${DEFAULT-VALUE})."})
    TieBreaking tieBreaking = TieBreaking.defaultPolicy();

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "0",
            description = "Never fund a project with less support (approvals or points) than N (default: ${DEFAULT-VALUE}).")
    long minSupport;

    @Option(names = "--no-skip",
            description = "Greedy rules stop at the first project that does not fit instead of skipping it.")
    boolean noSkip;

    RuleOptions toOptions() {
        if (minSupport < 0) {
            throw new ParameterException(mixee.commandLine(), "--min-support must be 0 or more, not " + minSupport);
        }
        return new RuleOptions(tieBreaking, minSupport, noSkip);
    }
}
