package nl.buurtbegroting.service.tally;

import nl.buurtbegroting.core.audit.OutcomeJson;

import nl.buurtbegroting.core.audit.BallotCounts;
import nl.buurtbegroting.core.audit.BallotTree;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.service.election.ElectionRow;

import java.nio.charset.StandardCharsets;

/**
 * An election counted: the instance as budget-core sees it (proposals, caps, ballot rules), every stored
 * ballot in published form in its Merkle tree (sorted by leaf hash), the rule with its options and the
 * outcome the rule gives on those ballots in that order. Computing it twice gives the same outcome.
 */
public record Count(ElectionRow election, Instance instance, BallotTree ballots, RuleName rule, RuleOptions options,
                    Outcome outcome, BallotCounts counts) {

    /** The canonical JSON of the outcome, without newline: the bundle's outcome.json minus its final newline. */
    public String outcomeJson() {
        return new String(CanonicalJson.write(OutcomeJson.toJson(outcome)), StandardCharsets.UTF_8);
    }
}
