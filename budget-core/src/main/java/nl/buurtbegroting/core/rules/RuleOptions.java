package nl.buurtbegroting.core.rules;

import java.util.Objects;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * Options shared by the rules.
 *
 * @param tieBreaking how equal projects are ordered; recorded in the outcome
 * @param minSupport  projects with less support (approvals or points) are never funded; 0 = no threshold
 * @param noSkip      greedy rules stop at the first project that does not fit instead of skipping it
 */
public record RuleOptions(TieBreaking tieBreaking, long minSupport, boolean noSkip) {

    public RuleOptions {
        Objects.requireNonNull(tieBreaking, "tieBreaking");
        if (minSupport < 0) {
            throw new IllegalArgumentException("minimum support must not be negative");
        }
    }

    public static RuleOptions defaults() {
        return new RuleOptions(TieBreaking.defaultPolicy(), 0, false);
    }

    public static RuleOptions withTieBreaking(TieBreaking tieBreaking) {
        return new RuleOptions(tieBreaking, 0, false);
    }

    public RuleOptions withMinSupport(long threshold) {
        return new RuleOptions(tieBreaking, threshold, noSkip);
    }

    public RuleOptions withNoSkip(boolean stop) {
        return new RuleOptions(tieBreaking, minSupport, stop);
    }
}
