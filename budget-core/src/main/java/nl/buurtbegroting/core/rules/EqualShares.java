package nl.buurtbegroting.core.rules;

import java.util.Comparator;
import java.util.Map;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;

/**
 * The Method of Equal Shares (MES; Peters and Skowron, "Proportionality and the limits of welfarism",
 * EC 2020; Peters, Pierczyński and Skowron, "Proportional participatory budgeting with additive
 * utilities", NeurIPS 2021; <a href="https://equalshares.net">equalshares.net</a>).
 *
 * <p>The budget is split equally over all voters (empty ballots included): each starts with B/n. A
 * voter's utility for a project is its cost when she approves it (approval and choose-one ballots),
 * or the points she gave it (cumulative ballots). In each round, for every remaining project whose
 * supporters together still hold its cost, the rule finds the smallest rho such that the supporters,
 * each paying min(own money, rho x own utility), pay exactly the cost; the project with the smallest
 * rho is bought (ties: the tie-breaking policy, recorded) and its supporters pay. Projects whose
 * supporters can no longer pay are dropped; the rule stops when none is left. Projects nobody
 * supports are never bought. Every comparison is exact (see {@link EqualSharesEngine}).
 *
 * <p>Constraints: a project that would take a category over its cap, or that is incompatible with a
 * project already bought, is dropped when its turn comes (its supporters keep their money for other
 * projects); caps only fill up, so it could never be bought later in the run either.
 *
 * <p>Completion ({@link RuleOptions#mesCompletion()}, default {@link MesCompletion#NONE} for this rule):
 * MES alone often leaves money unspent. {@link MesCompletion#ADD1} raises every voter's share one
 * currency unit at a time as cities do (see {@link EqualSharesAdd1}); {@link MesCompletion#GREEDY}
 * fills what is left like {@link Greedy}.
 *
 * <p>Outcome details. Rule level: {@code startShare} (money per voter at the start, exact),
 * {@code mesCost}. Funded projects: {@code rho}, {@code share} (what a supporter who paid in full
 * paid; approval only), {@code payers}, {@code paidFullShare}, {@code paidAllTheyHad},
 * {@code minPayment}, {@code maxPayment} and, when there are few distinct amounts, {@code payments}
 * ({@code "voters x amount;..."}). Projects MES could not afford: {@code available} (what their
 * supporters held when MES stopped), {@code lacking}, {@code spentOn} ({@code "id:amount;..."}: every funded project
 * on which their supporters spent money, largest amount first). When a greedy fill follows, {@code mesDecision}
 * keeps the MES decision code of projects the fill decided again.
 *
 * <p>Complexity: one run costs O(R (c + K log K) + S) exact operations, R rounds, c projects repriced per
 * round, K money classes (groups of voters holding the same amount), S the size of the compressed
 * ballots; see {@link EqualSharesEngine}.
 */
public class EqualShares implements AllocationRule {

    final RuleOptions options;

    public EqualShares(RuleOptions options) {
        this.options = options;
    }

    @Override
    public RuleName name() {
        return RuleName.MES;
    }

    MesCompletion completion() {
        return options.mesCompletion() == null ? MesCompletion.NONE : options.mesCompletion();
    }

    @Override
    public Outcome allocate(Election election) {
        CompiledElection e = CompiledElection.of(election, options.tieBreaking(), name());
        OutcomeBuilder out = new OutcomeBuilder(e, name());
        boolean[] candidate = out.excludeIneligible(options.minSupport());
        boolean[] supported = new boolean[e.projectCount];
        for (int p = 0; p < e.projectCount; p++) {
            if (candidate[p]) {
                if (e.support[p] > 0) {
                    supported[p] = true;
                } else {
                    out.reject(p, new Decision.NoSupport());
                }
            }
        }
        EqualSharesEngine engine = new EqualSharesEngine(e, supported);
        MesCompletion completion = completion();
        EqualSharesEngine.Result result;
        if (completion.raisesShare()) {
            ShareSearch.Found found = ShareSearch.find(e, engine, candidate, supported, options.raisePastExhaustive());
            result = found.result();
            out.detail(DetailKeys.FIRST_SHARE, Long.toString(found.firstShare()));
            out.detail(DetailKeys.SHARE, Long.toString(found.share()));
            out.detail(DetailKeys.STOP, found.stop());
        } else {
            Rational start = e.voters == 0 ? Rational.ZERO : Rational.of(e.budget, e.voters);
            result = engine.run(start, true);
            out.detail(DetailKeys.START_SHARE, start.toString());
        }
        for (int k = 0; k < result.ties.size(); k++) {
            java.util.List<Integer> tied = new java.util.ArrayList<>();
            for (int p : result.ties.get(k)) {
                tied.add(p);
            }
            out.tie("mes", tied, result.tieWinners.get(k));
        }
        for (int p : result.selected) {
            out.fund(p, "mes");
        }
        for (int p = 0; p < e.projectCount; p++) {
            for (Map.Entry<String, String> d : result.details.get(p).entrySet()) {
                out.detail(p, d.getKey(), d.getValue());
            }
            if (result.rejected[p] != null) {
                out.reject(p, result.rejected[p]);
            }
        }
        out.detail(DetailKeys.MES_COST, Long.toString(result.cost));
        if (completion.fillsGreedily()) {
            BudgetState budget = new BudgetState(e);
            boolean[] rest = new boolean[e.projectCount];
            for (int p : result.selected) {
                budget.fund(p);
            }
            for (int p = 0; p < e.projectCount; p++) {
                rest[p] = candidate[p] && !result.funded[p];
                if (rest[p]) {
                    out.detail(p, DetailKeys.MES_DECISION, out.decision(p).code());
                }
            }
            Comparator<Integer> bySupport = Comparator.comparingLong(p -> -e.support[p]);
            Greedy.run(e, out, rest, budget, bySupport, false, "greedy fill");
        }
        return out.build();
    }
}
