package nl.buurtbegroting.core.rules;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the Method of Equal Shares completes an outcome that leaves money unspent. Plain MES often
 * spends much less than the budget, because the supporters of the remaining projects have run out
 * of money; cities that use it add a completion step.
 */
public enum MesCompletion {
    /** The outcome of MES as it is. */
    NONE("none"),
    /**
     * Raise every voter's share by one currency unit at a time (starting from the budget divided by
     * the number of voters, rounded down) until the outcome is exhaustive, never past the budget
     * (equalshares.net; Wieliczka, Świecie, Assen).
     */
    ADD1("add1"),
    /** Fill what is left greedily by support, as the {@code greedy} rule does. */
    GREEDY("greedy"),
    /** {@link #ADD1}, then fill what is still left greedily: the {@code mes-add1} rule. */
    ADD1_THEN_GREEDY("add1-greedy");

    private final String label;

    MesCompletion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean raisesShare() {
        return this == ADD1 || this == ADD1_THEN_GREEDY;
    }

    boolean fillsGreedily() {
        return this == GREEDY || this == ADD1_THEN_GREEDY;
    }

    public static MesCompletion parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.label.equals(t) || c.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(t))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown MES completion '" + text
                        + "'; use none, add1, greedy or add1-greedy"));
    }

    @Override
    public String toString() {
        return label;
    }
}
