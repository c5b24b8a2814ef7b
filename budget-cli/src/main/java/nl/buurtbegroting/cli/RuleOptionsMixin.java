package nl.buurtbegroting.cli;

import java.util.Map;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every rule takes: tie-breaking policy, minimum support and no-skip, and whether the
 * file's per-category budget caps ({@code budget_per_category}) apply.
 */
final class RuleOptionsMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--tie-break", paramLabel = "POLICY", defaultValue = "default", converter = TieBreakingConverter.class,
            description = {"How equally good projects are ordered: default (more support, then lower cost, then"
                    + " listed order); id (smallest id as a string first: the policy of the Pabulib reference"
                    + " outcomes); id-desc; given:IDS (this comma-separated order of ids first); random:SEED"
                    + " (a reproducible shuffle). Default: ${DEFAULT-VALUE}."})
    TieBreaking tieBreaking = TieBreaking.defaultPolicy();

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "0",
            description = "Never fund a project with less support (approvals or points) than N (default: ${DEFAULT-VALUE}).")
    long minSupport;

    @Option(names = "--no-skip",
            description = "Greedy rules stop at the first project that does not fit instead of skipping it.")
    boolean noSkip;

    @Option(names = "--ignore-category-caps",
            description = {"Ignore the file's budget_per_category caps (they apply by default). The Pabulib reference"
                    + " outcomes ignore them."})
    boolean ignoreCategoryCaps;

    /** The election the rule counts: as read, or without its category caps. */
    Election apply(Election election) {
        if (!ignoreCategoryCaps || election.instance().categoryCaps().isEmpty()) {
            return election;
        }
        return new Election(election.instance().withCategoryCaps(Map.of()), election.profile());
    }

    RuleOptions toOptions() {
        if (minSupport < 0) {
            throw new ParameterException(mixee.commandLine(), "--min-support must be 0 or more, not " + minSupport);
        }
        return new RuleOptions(tieBreaking, minSupport, noSkip);
    }
}
