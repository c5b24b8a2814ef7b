package nl.buurtbegroting.core.outcome;

/**
 * Why a project was or was not funded. Every project of an outcome gets exactly one decision; the
 * kinds are closed so that an explanation can be written for each. {@link #code()} is a stable
 * machine name (used in JSON and by the explanations); {@link #reason()} is a short English sentence.
 */
public sealed interface Decision permits Decision.Funded, Decision.DoesNotFit, Decision.BelowThreshold,
        Decision.NotEligible, Decision.ExceedsCategoryCap, Decision.Incompatible, Decision.StoppedBefore,
        Decision.NotInOptimum, Decision.NotAffordable, Decision.NoSupport {

    String code();

    String reason();

    default boolean funded() {
        return false;
    }

    /** Funded in the given round (1 = first). {@code step} names the phase, e.g. "greedy" or "completion". */
    record Funded(int round, String step) implements Decision {
        public String code() {
            return "FUNDED";
        }

        public String reason() {
            return "funded in round " + round + (step.isEmpty() ? "" : " (" + step + ")");
        }

        @Override
        public boolean funded() {
            return true;
        }
    }

    /** Its cost was more than what was left of the budget when its turn came. */
    record DoesNotFit(long cost, long remaining) implements Decision {
        public String code() {
            return "DOES_NOT_FIT";
        }

        public String reason() {
            return "costs " + cost + " but only " + remaining + " was left when its turn came";
        }
    }

    /** Its support was below the minimum the election requires. */
    record BelowThreshold(long support, long threshold) implements Decision {
        public String code() {
            return "BELOW_THRESHOLD";
        }

        public String reason() {
            return "support " + support + " is below the required minimum of " + threshold;
        }
    }

    /** The proposal was not admitted to the vote; {@code reason} is the public reason given. */
    record NotEligible(String publicReason) implements Decision {
        public String code() {
            return "NOT_ELIGIBLE";
        }

        public String reason() {
            return "not admitted: " + publicReason;
        }
    }

    /** Funding it would have taken its category over the category's cap. */
    record ExceedsCategoryCap(String category, long cap, long spentInCategory, long cost) implements Decision {
        public String code() {
            return "EXCEEDS_CATEGORY_CAP";
        }

        public String reason() {
            return "category " + category + " already had " + spentInCategory + " of its cap " + cap
                    + ", and this project costs " + cost;
        }
    }

    /** A project it is incompatible with was funded. */
    record Incompatible(String fundedProject) implements Decision {
        public String code() {
            return "INCOMPATIBLE";
        }

        public String reason() {
            return "incompatible with funded project " + fundedProject;
        }
    }

    /** The rule stopped (no-skip greedy, Phragmén) at {@code stoppedAt} before this project's turn. */
    record StoppedBefore(String stoppedAt, long remaining) implements Decision {
        public String code() {
            return "STOPPED_BEFORE";
        }

        public String reason() {
            return "the rule stopped at project " + stoppedAt + ", which did not fit in the remaining " + remaining;
        }
    }

    /** Knapsack: not part of the set with the largest total support that fits the budget. */
    record NotInOptimum(long optimumSupport) implements Decision {
        public String code() {
            return "NOT_IN_OPTIMUM";
        }

        public String reason() {
            return "not part of the combination with the largest total support (" + optimumSupport + ") within the budget";
        }
    }

    /**
     * Equal Shares: its supporters together no longer had enough money. {@code available} is what
     * they held (a rational as text), {@code lacking} how much was missing; {@code tookMoney} is the
     * funded project on which they spent the most, empty when they spent nothing.
     */
    record NotAffordable(String available, String lacking, String tookMoney) implements Decision {
        public String code() {
            return "NOT_AFFORDABLE";
        }

        public String reason() {
            return "its supporters had only " + available + " left, " + lacking + " short"
                    + (tookMoney.isEmpty() ? "" : "; they had spent the most on project " + tookMoney);
        }
    }

    /** Nobody supported it. */
    record NoSupport() implements Decision {
        public String code() {
            return "NO_SUPPORT";
        }

        public String reason() {
            return "no voter supported it";
        }
    }
}
