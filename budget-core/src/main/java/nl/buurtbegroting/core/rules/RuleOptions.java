package nl.buurtbegroting.core.rules;

import java.util.Objects;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * Options shared by the rules.
 *
 * @param tieBreaking         how equal projects are ordered; recorded in the outcome
 * @param minSupport          projects with less support (approvals or points) are never funded; 0 = no threshold
 * @param noSkip              greedy rules stop at the first project that does not fit instead of skipping it
 * @param mesCompletion       how the Method of Equal Shares completes its outcome; {@code null} = the rule's
 *                            own default ({@link MesCompletion#NONE} for {@code mes},
 *                            {@link MesCompletion#ADD1_THEN_GREEDY} for {@code mes-add1})
 * @param raisePastExhaustive the Wieliczka 2023 variant of the add-one completion: keep raising each voter's
 *                            share while the outcome stays within the budget, past the first exhaustive outcome
 */
public record RuleOptions(TieBreaking tieBreaking, long minSupport, boolean noSkip, MesCompletion mesCompletion,
                          boolean raisePastExhaustive) {

    public RuleOptions {
        Objects.requireNonNull(tieBreaking, "tieBreaking");
        if (minSupport < 0) {
            throw new IllegalArgumentException("minimum support must not be negative");
        }
    }

    /** Options for the rules without Equal Shares settings (those take the rule's defaults). */
    public RuleOptions(TieBreaking tieBreaking, long minSupport, boolean noSkip) {
        this(tieBreaking, minSupport, noSkip, null, false);
    }

    public static RuleOptions defaults() {
        return new RuleOptions(TieBreaking.defaultPolicy(), 0, false);
    }

    public static RuleOptions withTieBreaking(TieBreaking tieBreaking) {
        return new RuleOptions(tieBreaking, 0, false);
    }

    public RuleOptions withMinSupport(long threshold) {
        return new RuleOptions(tieBreaking, threshold, noSkip, mesCompletion, raisePastExhaustive);
    }

    public RuleOptions withNoSkip(boolean stop) {
        return new RuleOptions(tieBreaking, minSupport, stop, mesCompletion, raisePastExhaustive);
    }

    public RuleOptions withMesCompletion(MesCompletion completion) {
        return new RuleOptions(tieBreaking, minSupport, noSkip, completion, raisePastExhaustive);
    }

    public RuleOptions withRaisePastExhaustive(boolean raise) {
        return new RuleOptions(tieBreaking, minSupport, noSkip, mesCompletion, raise);
    }
}
