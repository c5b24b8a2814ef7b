package nl.buurtbegroting.core.explain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;

/**
 * What the explanations of one outcome share, computed once: projects by id, what was spent before
 * each funded project, and the facts about the whole run (did the rule stop, was there a greedy fill).
 * Explaining every project of a large election then costs time linear in its size.
 */
final class OutcomeIndex {

    final Outcome outcome;
    private final Map<String, ProjectResult> byId = new HashMap<>();
    private final Map<String, Long> spentBefore = new HashMap<>();
    private final Set<String> stoppers = new HashSet<>();
    /** Per project, the sum of its supporters' spending on other projects: large exact fractions, so summed once for all languages. */
    private final Map<String, Optional<Rational>> spentTotals = new HashMap<>();
    final long fundedSupport;
    final boolean ruleStopped;
    final boolean greedyFill;

    OutcomeIndex(Outcome outcome) {
        this.outcome = outcome;
        long support = 0;
        boolean fill = false;
        for (ProjectResult r : outcome.projects()) {
            byId.put(r.id(), r);
            if (r.selected()) {
                support += r.support();
            }
            if (r.decision() instanceof Decision.StoppedBefore s) {
                stoppers.add(s.stoppedAt());
            }
            fill |= r.details().containsKey(DetailKeys.MES_DECISION)
                    || (r.decision() instanceof Decision.Funded f && isCompletion(outcome, f));
        }
        long spent = 0;
        for (String id : outcome.selected()) {
            spentBefore.put(id, spent);
            spent += byId.get(id).project().cost();
        }
        OptionalLong welfare = Facts.longDetail(outcome.details().get(DetailKeys.WELFARE));
        this.fundedSupport = welfare.isPresent() ? welfare.getAsLong() : support;
        this.ruleStopped = !stoppers.isEmpty();
        this.greedyFill = fill;
    }

    ProjectResult result(String projectId) {
        return byId.get(projectId);
    }

    /** What was spent before the funded project, following the order of {@code selected}. */
    long spentBefore(String projectId) {
        return spentBefore.getOrDefault(projectId, outcome.totalCost());
    }

    /** The rule stopped at this project (the first that did not fit, under a rule that does not skip). */
    boolean stoppedAt(String projectId) {
        return stoppers.contains(projectId);
    }

    static boolean equalShares(Outcome outcome) {
        return outcome.rule().startsWith("mes");
    }

    /** Funded by a completion step of Equal Shares (the greedy fill), not by the supporters' shares. */
    static boolean isCompletion(Outcome outcome, Decision.Funded d) {
        String step = d.step();
        return equalShares(outcome) && (step.contains("greedy") || step.contains("complet") || step.contains("fill"));
    }

    /**
     * What the supporters of a project Equal Shares could not afford had spent on funded projects, summed from
     * its {@code spentOn} detail; empty when the outcome holds none.
     */
    Optional<Rational> spentTotal(ProjectResult result) {
        return spentTotals.computeIfAbsent(result.id(), id -> {
            String spent = result.details().get(DetailKeys.SPENT_ON);
            if (spent == null || spent.isBlank()) {
                return Optional.empty();
            }
            Rational total = Rational.ZERO;
            for (String entry : spent.split(";")) {
                int colon = entry.lastIndexOf(':');
                if (colon > 0) {
                    total = total.add(Rational.parse(entry.substring(colon + 1)));
                }
            }
            return Optional.of(total);
        });
    }
}
