package nl.buurtbegroting.service.election;

import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.rules.RuleName;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The allocation rules an election may name (those of budget-core's {@link RuleName}, the one place the
 * names are defined) and which ballot formats each can count, as {@link RuleName#counts} says.
 */
public final class RuleCatalog {

    private RuleCatalog() {
    }

    /** The canonical name of a rule (accepting Pabulib spellings such as {@code mes_add1}), if known. */
    public static Optional<String> canonical(String name) {
        return RuleName.find(name).map(RuleName::label);
    }

    public static List<String> names() {
        return Arrays.stream(RuleName.values()).map(RuleName::label).toList();
    }

    public static boolean fits(String rule, BallotFormat format) {
        VoteType type = format == BallotFormat.CUMULATIVE ? VoteType.CUMULATIVE
                : format == BallotFormat.CHOOSE_ONE ? VoteType.CHOOSE_ONE : VoteType.APPROVAL;
        return RuleName.find(rule).map(r -> r.counts(type)).orElse(false);
    }
}
