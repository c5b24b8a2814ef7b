package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Greedy by support per unit of cost: like {@link Greedy}, but projects are considered in order of
 * support / cost, highest first, compared exactly by cross-multiplication. A project that costs
 * nothing comes before every project that costs something.
 */
public class GreedyPerCost extends Greedy {

    public GreedyPerCost(RuleOptions options) {
        super(options);
    }

    @Override
    public RuleName name() {
        return RuleName.GREEDY_PER_COST;
    }

    @Override
    Comparator<Integer> primaryOrder(CompiledElection e) {
        return (a, b) -> {
            long ca = e.cost[a];
            long cb = e.cost[b];
            if (ca == 0 || cb == 0) {
                if (ca == 0 && cb == 0) {
                    return Long.compare(e.support[b], e.support[a]);
                }
                return ca == 0 ? -1 : 1;
            }
            // support[a]/ca > support[b]/cb  <=>  support[a]*cb > support[b]*ca
            BigInteger left = BigInteger.valueOf(e.support[a]).multiply(BigInteger.valueOf(cb));
            BigInteger right = BigInteger.valueOf(e.support[b]).multiply(BigInteger.valueOf(ca));
            return right.compareTo(left);
        };
    }
}
