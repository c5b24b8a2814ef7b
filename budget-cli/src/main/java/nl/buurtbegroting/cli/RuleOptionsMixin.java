package nl.buurtbegroting.cli;

import java.util.Map;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.rules.MesCompletion;
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

    @Option(names = "--completion", paramLabel = "COMPLETION", converter = MesCompletionConverter.class,
            description = {"How mes completes an outcome that leaves money unspent: none (the default for mes),"
                    + " add1 (raise every voter's share one unit at a time until the outcome is exhaustive),"
                    + " greedy (fill by support), add1-greedy (both: what mes-add1 always does)."})
    MesCompletion completion;

    @Option(names = "--raise-past-exhaustive",
            description = {"mes-add1 as Wieliczka 2023 counted: keep raising the share while the outcome stays"
                    + " within the budget, past the first exhaustive outcome."})
    boolean raisePastExhaustive;

    @Option(names = "--category-caps",
            description = {"Apply the file's per-category budgets (budget_per_category) as caps. Off by default, as"
                    + " in the Pabulib reference outcomes (pabutools), which count with the budget, costs and"
                    + " ballots only; on by default for a file whose META says apply_category_caps;true (a"
                    + " Buurtbegroting export of a published election, which also records its tie_breaking)."})
    boolean categoryCaps;

    /** Accepted for scripts written when caps applied by default; ignoring them is now the default. */
    @Option(names = "--ignore-category-caps", hidden = true)
    boolean ignoreCategoryCaps;

    /** META keys with which a file records how its outcome was counted (a Buurtbegroting export does). */
    static final String META_TIE_BREAKING = "tie_breaking";
    static final String META_APPLY_CATEGORY_CAPS = "apply_category_caps";

    /**
     * The election the rule counts: without the file's category caps unless {@code --category-caps} is given or the
     * file's META says {@code apply_category_caps;true}, so that any real Pabulib file gives what the reference
     * implementation gives and an exported published election gives its published outcome. A file's
     * {@code tie_breaking} likewise becomes the default of {@code --tie-break}; options given on the command line win.
     */
    Election apply(Election election) {
        Map<String, String> meta = election.instance().meta();
        if (!given("--tie-break") && meta.get(META_TIE_BREAKING) != null) {
            try {
                tieBreaking = TieBreaking.parse(meta.get(META_TIE_BREAKING).strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(mixee.commandLine(), "the file's META tie_breaking is not a policy: "
                        + e.getMessage());
            }
        }
        boolean caps = categoryCaps || (!given("--category-caps") && "true".equalsIgnoreCase(
                String.valueOf(meta.get(META_APPLY_CATEGORY_CAPS)).strip()));
        if ((caps && !ignoreCategoryCaps) || election.instance().categoryCaps().isEmpty()) {
            return election;
        }
        return new Election(election.instance().withCategoryCaps(Map.of()), election.profile());
    }

    private boolean given(String option) {
        return mixee.commandLine().getParseResult() != null && mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    RuleOptions toOptions() {
        if (minSupport < 0) {
            throw new ParameterException(mixee.commandLine(), "--min-support must be 0 or more, not " + minSupport);
        }
        return new RuleOptions(tieBreaking, minSupport, noSkip, completion, raisePastExhaustive);
    }
}
