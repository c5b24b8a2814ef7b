package nl.buurtbegroting.core.rules;

import nl.buurtbegroting.core.arith.Rational;

/**
 * The search for the share per voter of the add-one completion of Equal Shares: e = floor(B/n),
 * e + 1, e + 2, ... until a run is exhaustive, or until a run costs more than the budget (then the share
 * before it is taken). In the Wieliczka variant only the second condition stops the search.
 *
 * <p>The outcome of MES is not monotone in e (a larger share can buy a different, even cheaper, set),
 * so a binary search over e would be wrong: the search visits the shares in order, but does not run MES
 * at every one of them.
 * <ul>
 *   <li>{@link IntervalEqualShares} runs MES on a whole range of shares [e, e + w] at once, with every
 *       voter's money an interval; when it proves its outcome, every share in the range buys exactly those
 *       projects, so the search goes on after the range. The width doubles while ranges are proved; after
 *       a refused range the filter runs share by share for a while (longer after each refusal in a row),
 *       since where outcomes change at almost every share (large electorates) ranges rarely prove.</li>
 *   <li>When the filter cannot prove even the single share e (an exact tie it cannot settle, a supporter
 *       exactly at the edge of paying in full), an exact run decides. It is share-parametric
 *       ({@link EqualSharesEngine#runParametric}): it also returns the first share above e at which any of
 *       its decisions could come out differently, and the search jumps there.</li>
 * </ul>
 * Either way the projects found for every share visited are those of the exact rule, and the share
 * taken is then run exactly once more to gather the figures for explanations.
 */
final class ShareSearch {

    private ShareSearch() {
    }

    /** The widest range of shares one filter run tries. */
    private static final long MAX_WIDTH = 1L << 40;

    /** The longest stretch of shares run one by one between two tries of a range. */
    private static final long MAX_BACKOFF = 64;

    /** Shares the filter can hold exactly (below 2^52). */
    private static final long FILTER_LIMIT = (1L << 52) - 1;

    record Found(EqualSharesEngine.Result result, long firstShare, long share, int runs, int exactRuns, String stop) {
    }

    static Found find(CompiledElection e, EqualSharesEngine engine, boolean[] candidate, boolean[] supported,
                      boolean raisePastExhaustive) {
        return find(e, engine, candidate, supported, raisePastExhaustive, true);
    }

    /** {@code skip = false} tries every share one by one (for tests that check the skipping). */
    static Found find(CompiledElection e, EqualSharesEngine engine, boolean[] candidate, boolean[] supported,
                      boolean raisePastExhaustive, boolean skip) {
        long first = e.voters == 0 ? 0 : e.budget / e.voters;
        IntervalEqualShares filter = engine.intervals();
        // the constraint tables, built once: the search checks exhaustiveness at every share it visits
        BudgetState constraints = new BudgetState(e);
        long share = first;
        int runs = 0;
        int exactRuns = 0;
        String stop;
        long chosen;
        // The filter tries a range of shares [share, share + width] at once while such tries prove; the width
        // doubles after each success. After a failed try it runs share by share for a while, longer after
        // each failure in a row, so that where outcomes change at almost every share (large electorates)
        // few runs are spent on ranges.
        long width = 1;
        long wait = 0;
        long backoff = 1;
        while (true) {
            int[] selected = null;
            long next = share + 1;
            boolean frozen = false;
            if (skip && wait == 0) {
                long to = Math.min(share + width, FILTER_LIMIT);
                selected = filter.run(share, to);
                runs++;
                if (selected != null) {
                    next = to + 1;
                    width = Math.min(width * 2, MAX_WIDTH);
                    backoff = 1;
                } else {
                    width = Math.max(1, width / 4);
                    wait = backoff;
                    backoff = Math.min(backoff * 2, MAX_BACKOFF);
                }
            }
            if (skip && selected == null) {
                wait = Math.max(0, wait - 1);
                selected = filter.run(share);
                runs++;
            }
            if (selected == null) {
                EqualSharesEngine.Result exact = engine.runParametric(share, false);
                runs++;
                exactRuns++;
                selected = exact.selected;
                frozen = exact.nextEvent == Long.MAX_VALUE;
                if (skip) {
                    next = Math.max(share + 1, exact.nextEvent);
                }
            }
            boolean[] funded = new boolean[e.projectCount];
            long cost = 0;
            for (int p : selected) {
                funded[p] = true;
                cost += e.cost[p];
            }
            if (cost > e.budget) {
                // The first run never costs more than the budget (n * floor(B/n) <= B). Every share from the
                // previous run up to this one bought the previous run's projects; the last of them is the
                // run that a one-by-one search would take.
                chosen = share - 1;
                stop = "over budget at share " + share;
                break;
            }
            if (!raisePastExhaustive && exhaustive(e, selected, funded, candidate, constraints)) {
                chosen = share;
                stop = "exhaustive";
                break;
            }
            boolean all = allBought(funded, supported);
            if (all || e.voters == 0 || frozen) {
                // Nothing a larger share could change. From the sum of the supported projects' costs on, no
                // supporter ever pays all she has, so every larger share buys the same: that share is taken
                // (docs/spec/rules.md, R.9.4), whichever share the search happened to notice it at.
                chosen = all ? share : Math.max(first, supportedCost(e, supported));
                stop = all ? "every supported project bought" : "no larger share changes the outcome";
                break;
            }
            share = next;
        }
        EqualSharesEngine.Result result = engine.run(Rational.of(chosen), true);
        runs++;
        exactRuns++;
        return new Found(result, first, chosen, runs, exactRuns, stop);
    }

    /** No candidate outside the outcome, supported or not, can still be funded within the real budget. */
    static boolean exhaustive(CompiledElection e, int[] selected, boolean[] funded, boolean[] candidate,
                              BudgetState constraints) {
        BudgetState budget = new BudgetState(constraints, e.budget);
        for (int p : selected) {
            budget.fund(p);
        }
        for (int p = 0; p < e.projectCount; p++) {
            if (candidate[p] && !funded[p] && budget.fits(p)) {
                return false;
            }
        }
        return true;
    }

    private static long supportedCost(CompiledElection e, boolean[] supported) {
        long sum = 0;
        for (int p = 0; p < supported.length; p++) {
            if (supported[p]) {
                sum = Math.addExact(sum, e.cost[p]);
            }
        }
        return sum;
    }

    private static boolean allBought(boolean[] funded, boolean[] supported) {
        for (int p = 0; p < supported.length; p++) {
            if (supported[p] && !funded[p]) {
                return false;
            }
        }
        return true;
    }
}
