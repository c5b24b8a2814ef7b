package nl.buurtbegroting.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;

/** Collects a rule's decisions, in the order they are taken, into an {@link Outcome}. */
final class OutcomeBuilder {

    private final CompiledElection election;
    private final RuleName rule;
    private final Decision[] decisions;
    private final List<Map<String, String>> projectDetails = new ArrayList<>();
    private final List<Integer> fundedOrder = new ArrayList<>();
    private final List<TieBreak> ties = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private int round;

    OutcomeBuilder(CompiledElection election, RuleName rule) {
        this.election = election;
        this.rule = rule;
        this.decisions = new Decision[election.projectCount];
        for (int p = 0; p < election.projectCount; p++) {
            projectDetails.add(new HashMap<>());
        }
    }

    /**
     * Decides the projects no rule may fund: not admitted, or below the support threshold.
     * Returns which projects remain candidates.
     */
    boolean[] excludeIneligible(long minSupport) {
        boolean[] candidate = new boolean[election.projectCount];
        for (int p = 0; p < election.projectCount; p++) {
            if (!election.admitted[p]) {
                decisions[p] = new Decision.NotEligible(election.projects.get(p).eligibility().reason());
            } else if (minSupport > 0 && election.support[p] < minSupport) {
                decisions[p] = new Decision.BelowThreshold(election.support[p], minSupport);
            } else {
                candidate[p] = true;
            }
        }
        return candidate;
    }

    /**
     * The candidates (admitted, at or above {@code minSupport}) that fit the whole budget, in project order; a
     * candidate that costs more than the whole budget is decided here as not fitting. For rules that never fund
     * such a project whatever happens (knapsack, Phragmén), so it does not reach their search.
     */
    List<Integer> candidatesWithinBudget(long minSupport) {
        boolean[] candidate = excludeIneligible(minSupport);
        List<Integer> fitting = new ArrayList<>();
        for (int p = 0; p < election.projectCount; p++) {
            if (!candidate[p]) {
                continue;
            }
            if (election.cost[p] > election.budget) {
                reject(p, new Decision.DoesNotFit(election.cost[p], election.budget));
            } else {
                fitting.add(p);
            }
        }
        return fitting;
    }

    boolean decided(int p) {
        return decisions[p] != null;
    }

    Decision decision(int p) {
        return decisions[p];
    }

    void fund(int p, String step) {
        decisions[p] = new Decision.Funded(++round, step);
        fundedOrder.add(p);
    }

    void reject(int p, Decision decision) {
        if (decision.funded()) {
            throw new IllegalArgumentException("use fund() for funded projects");
        }
        decisions[p] = decision;
    }

    /** Replaces an earlier rejection (a completion step may fund what an earlier phase left). */
    void overrule(int p, Decision decision) {
        decisions[p] = null;
        if (decision != null) {
            reject(p, decision);
        }
    }

    void detail(int p, String key, String value) {
        projectDetails.get(p).put(key, value);
    }

    void detail(String key, String value) {
        details.put(key, value);
    }

    void tie(String step, List<Integer> tied, int winner) {
        List<String> ids = new ArrayList<>();
        for (int p : tied) {
            ids.add(election.projects.get(p).id());
        }
        ties.add(new TieBreak(step, ids, election.projects.get(winner).id(), election.tieBreaking.spec()));
    }

    List<Integer> funded() {
        return List.copyOf(fundedOrder);
    }

    Outcome build() {
        List<ProjectResult> results = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        long total = 0;
        for (int p : fundedOrder) {
            selected.add(election.projects.get(p).id());
            total = Math.addExact(total, election.cost[p]);
        }
        for (int p = 0; p < election.projectCount; p++) {
            if (decisions[p] == null) {
                throw new IllegalStateException("rule " + rule + " left project " + election.projects.get(p).id() + " undecided");
            }
            results.add(new ProjectResult(election.projects.get(p), election.support[p], decisions[p], projectDetails.get(p)));
        }
        details.putIfAbsent(DetailKeys.VOTERS, Long.toString(election.voters));
        // So that a stored outcome can be worded (votes or points, which currency) without its instance.
        details.putIfAbsent(DetailKeys.VOTE_TYPE, election.instance.voteType().pabulibName());
        String currency = election.instance.meta().get("currency");
        if (currency != null && !currency.isBlank()) {
            details.putIfAbsent(DetailKeys.CURRENCY, currency.strip());
        }
        return new Outcome(rule.label(), election.budget, total, selected, results, ties, election.tieBreaking.spec(), details);
    }
}
