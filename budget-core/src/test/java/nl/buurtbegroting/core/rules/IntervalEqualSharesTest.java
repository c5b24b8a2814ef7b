package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.testdata.GeneratedElection;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The floating-point filter of the add-one search: whatever it proves is exactly what the exact run buys,
 * and in small electorates, where equal prices (1 / supporters) are everywhere, it settles those exact ties
 * instead of giving up.
 */
class IntervalEqualSharesTest {

    @ParameterizedTest
    @CsvSource({"300, 42, id", "300, 7, id-desc", "1000, 42, id", "3000, 5, id"})
    void provesMostSharesAndOnlyWhatTheExactRunBuys(int voters, long seed, String tieBreaking) {
        Election election = GeneratedElection.approval(voters, 150, seed);
        CompiledElection e = CompiledElection.of(election, TieBreaking.parse(tieBreaking), RuleName.MES_ADD1);
        boolean[] supported = new boolean[e.projectCount];
        for (int p = 0; p < e.projectCount; p++) {
            supported[p] = e.support[p] > 0;
        }
        EqualSharesEngine engine = new EqualSharesEngine(e, supported);
        IntervalEqualShares filter = engine.intervals();
        long first = e.budget / e.voters;
        int proved = 0;
        int shares = 120;
        for (long share = first; share < first + shares * 7L; share += 7) {
            int[] exact = engine.runParametric(share, false).selected;
            int[] filtered = filter.run(share);
            if (filtered != null) {
                assertArrayEquals(exact, filtered, "share " + share);
                proved++;
            }
        }
        assertTrue(proved >= shares * 9 / 10, "the filter proved only " + proved + " of " + shares + " shares");
    }
}
