package nl.buurtbegroting.core.outcome;

import java.util.List;

/**
 * A tie that decided something: at {@code step}, the projects in {@code tied} were equally good by
 * the rule's own measure, and the tie-breaking {@code policy} put {@code winner} first.
 */
public record TieBreak(String step, List<String> tied, String winner, String policy) {
    public TieBreak {
        tied = List.copyOf(tied);
    }
}
