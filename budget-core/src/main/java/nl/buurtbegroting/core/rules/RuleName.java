package nl.buurtbegroting.core.rules;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import nl.buurtbegroting.core.model.VoteType;

/**
 * The rules by the names the CLI and the API use, and the facts about them that callers decide on:
 * the one place these names and facts are defined.
 */
public enum RuleName {
    GREEDY("greedy", Greedy::new, Counts.WEIGHTS),
    GREEDY_PER_COST("greedy-per-cost", GreedyPerCost::new, Counts.WEIGHTS),
    KNAPSACK("knapsack", Knapsack::new, Counts.WEIGHTS),
    MES("mes", EqualShares::new, Counts.WEIGHTS),
    MES_ADD1("mes-add1", EqualSharesAdd1::new, Counts.WEIGHTS),
    /** Phragmén shares the load of a project equally among its approvers, so it needs ballots without weights. */
    PHRAGMEN("phragmen", SequentialPhragmen::new, Counts.SETS);

    /** Which ballot formats a rule counts; ordinal ballots are read from files only and no rule counts them. */
    private enum Counts {
        /** Sets of projects only (approval, choose-one). */
        SETS(EnumSet.of(VoteType.APPROVAL, VoteType.CHOOSE_ONE)),
        /** Sets and points (approval, choose-one, cumulative). */
        WEIGHTS(EnumSet.of(VoteType.APPROVAL, VoteType.CHOOSE_ONE, VoteType.CUMULATIVE));

        private final Set<VoteType> types;

        Counts(Set<VoteType> types) {
            this.types = Collections.unmodifiableSet(types);
        }
    }

    private final String label;
    private final Function<RuleOptions, AllocationRule> factory;
    private final Counts counts;

    RuleName(String label, Function<RuleOptions, AllocationRule> factory, Counts counts) {
        this.label = label;
        this.factory = factory;
        this.counts = counts;
    }

    /** The ballot formats this rule counts; given any other, {@link AllocationRule#allocate} refuses the election. */
    public Set<VoteType> countedVoteTypes() {
        return counts.types;
    }

    /** Whether this rule counts ballots of the given format. */
    public boolean counts(VoteType type) {
        return counts.types.contains(type);
    }

    /** The name users type, e.g. {@code mes-add1}. */
    public String label() {
        return label;
    }

    public AllocationRule create(RuleOptions options) {
        return factory.apply(options);
    }

    public AllocationRule create() {
        return create(RuleOptions.defaults());
    }

    /** Accepts the label, the enum name and the Pabulib/pabutools spellings ({@code maxwelfare}, {@code mes_add1}). */
    public static Optional<RuleName> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("maxwelfare") || n.equals("max-welfare")) {
            n = "knapsack";
        }
        String wanted = n;
        return Arrays.stream(values()).filter(r -> r.label.equals(wanted)).findFirst();
    }

    public static RuleName parse(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown rule '" + name + "'; known rules: "
                + String.join(", ", Arrays.stream(values()).map(RuleName::label).toList())));
    }

    @Override
    public String toString() {
        return label;
    }
}
