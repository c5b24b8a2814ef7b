package nl.buurtbegroting.core.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The rules by the names the CLI and the API use; the one place these names are defined. */
public enum RuleName {
    GREEDY("greedy", Greedy::new),
    GREEDY_PER_COST("greedy-per-cost", GreedyPerCost::new),
    KNAPSACK("knapsack", Knapsack::new),
    MES("mes", EqualShares::new),
    MES_ADD1("mes-add1", EqualSharesAdd1::new),
    PHRAGMEN("phragmen", SequentialPhragmen::new);

    private final String label;
    private final Function<RuleOptions, AllocationRule> factory;

    RuleName(String label, Function<RuleOptions, AllocationRule> factory) {
        this.label = label;
        this.factory = factory;
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
