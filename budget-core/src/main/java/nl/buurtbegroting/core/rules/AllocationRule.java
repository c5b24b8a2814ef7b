package nl.buurtbegroting.core.rules;

import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;

/**
 * A rule that turns an election (instance and ballots) into a funded set of projects. A rule object
 * holds only its options; it keeps no state between calls and can be shared between threads.
 */
public interface AllocationRule {

    /** The rule's name as users see it. */
    RuleName name();

    /**
     * Computes the outcome.
     *
     * @throws UnsupportedElectionException when the rule cannot honour the election (e.g. ordinal ballots)
     */
    Outcome allocate(Election election);
}
