package nl.buurtbegroting.core.rules;

import nl.buurtbegroting.core.arith.Rational;

/**
 * The search for the share per voter of the add-one completion of Equal Shares: e = floor(B/n),
 * e + 1, e + 2, ... until a run is exhaustive (or, in the Wieliczka variant, until the next run would
 * cost more than the budget).
 *
 * <p>The outcome of MES is not monotone in e (a larger share can buy a different, even cheaper, set),
 * so a binary search over e would not find the first exhaustive outcome; every e is tried in order.
 */
final class ShareSearch {

    private ShareSearch() {
    }

    record Found(EqualSharesEngine.Result result, long firstShare, long share, int runs, String stop) {
    }

    static Found find(CompiledElection e, EqualSharesEngine engine, boolean[] candidate, boolean[] supported,
                      boolean raisePastExhaustive) {
        return find(e, engine, candidate, supported, raisePastExhaustive, true);
    }

    /** {@code skip = false} tries every share one by one (for tests that check the skipping). */
    static Found find(CompiledElection e, EqualSharesEngine engine, boolean[] candidate, boolean[] supported,
                      boolean raisePastExhaustive, boolean skip) {
        long first = e.voters == 0 ? 0 : e.budget / e.voters;
        long share = first;
        int runs = 0;
        String stop;
        long chosen;
        while (true) {
            EqualSharesEngine.Result current = engine.runParametric(share, false);
            runs++;
            if (current.cost > e.budget) {
                // The first run never costs more than the budget (n * floor(B/n) <= B). Every share from the
                // previous run up to this one bought the previous run's projects; the last of them is the
                // run that a one-by-one search would take.
                chosen = share - 1;
                stop = "over budget at share " + share;
                break;
            }
            if (!raisePastExhaustive && exhaustive(e, current, candidate)) {
                chosen = share;
                stop = "exhaustive";
                break;
            }
            boolean all = allBought(current, supported);
            if (all || e.voters == 0 || current.nextEvent == Long.MAX_VALUE) {
                // nothing a larger share could change
                chosen = share;
                stop = all ? "every supported project bought" : "no larger share changes the outcome";
                break;
            }
            share = skip ? Math.max(share + 1, current.nextEvent) : share + 1;
        }
        EqualSharesEngine.Result result = engine.runParametric(chosen, true);
        runs++;
        return new Found(result, first, chosen, runs, stop);
    }

    /** No candidate outside the outcome, supported or not, can still be funded within the real budget. */
    static boolean exhaustive(CompiledElection e, EqualSharesEngine.Result result, boolean[] candidate) {
        BudgetState budget = new BudgetState(e);
        for (int p : result.selected) {
            budget.fund(p);
        }
        for (int p = 0; p < e.projectCount; p++) {
            if (candidate[p] && !result.funded[p] && budget.fits(p)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allBought(EqualSharesEngine.Result result, boolean[] supported) {
        for (int p = 0; p < supported.length; p++) {
            if (supported[p] && !result.funded[p]) {
                return false;
            }
        }
        return true;
    }
}
