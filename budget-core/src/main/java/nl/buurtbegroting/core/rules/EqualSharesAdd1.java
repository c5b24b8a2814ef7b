package nl.buurtbegroting.core.rules;

/**
 * The Method of Equal Shares completed as cities that use it do ({@code mes-add1}): start each voter
 * with e = floor(B/n) instead of B/n and run {@link EqualShares MES}; while the outcome is not
 * exhaustive (some project outside it, supported or not, still fits in what is left), run MES again
 * with e + 1, e + 2, ... per voter. As soon as a run buys projects costing more than the budget, take
 * the previous run's outcome; as soon as a run's outcome is exhaustive, take it. Finally fill what is
 * left greedily by support, like {@link Greedy}.
 *
 * <p>This is the "add one" completion of equalshares.net, used by Wieliczka, Świecie and Assen: the
 * published results of Assen 2024 and Świecie 2023 are its outcome before the greedy fill
 * ({@link MesCompletion#ADD1}). Wieliczka 2023 (green budget) kept raising the share as long as the
 * outcome stayed within the budget, past the first exhaustive outcome:
 * {@link RuleOptions#raisePastExhaustive()}. Options {@link MesCompletion#ADD1} (no greedy fill) and
 * {@link MesCompletion#ADD1_THEN_GREEDY} (the default) apply.
 *
 * <p>Rule-level details: {@code firstShare}, {@code share} (the e taken), {@code stop} (why the search
 * stopped), {@code mesCost} (cost before the fill). How many runs the search made is not part of the
 * outcome: it depends on how one searches, and the outcome must be reproducible from docs/spec alone.
 *
 * <p>Complexity: one MES run per share visited; {@link ShareSearch} says which shares are skipped and
 * which runs are proved in floating point instead of exact arithmetic.
 */
public class EqualSharesAdd1 extends EqualShares {

    public EqualSharesAdd1(RuleOptions options) {
        super(options);
    }

    @Override
    public RuleName name() {
        return RuleName.MES_ADD1;
    }

    @Override
    MesCompletion completion() {
        MesCompletion c = options.mesCompletion();
        return c == null || !c.raisesShare() ? MesCompletion.ADD1_THEN_GREEDY : c;
    }
}
