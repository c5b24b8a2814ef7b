package nl.buurtbegroting.core.explain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;
import nl.buurtbegroting.core.rules.RuleName;

/**
 * The figures an explanation may use, all read or derived from one {@link Outcome}: never from a
 * rule's internals. Amounts are formatted by {@link #money}.
 */
final class Facts {

    /** Longest project name shown; longer names are cut with an ellipsis. */
    private static final int NAME_LIMIT = 60;

    final Outcome outcome;
    private final OutcomeIndex index;
    final ProjectResult result;
    final Money money;
    /** Support is points (cumulative ballots) rather than votes. */
    final boolean points;

    Facts(OutcomeIndex index, ProjectResult result, Money money, boolean points) {
        this.outcome = index.outcome;
        this.index = index;
        this.result = result;
        this.money = money;
        this.points = points;
    }

    String id() {
        return result.id();
    }

    long support() {
        return result.support();
    }

    long cost() {
        return result.project().cost();
    }

    long budget() {
        return outcome.budget();
    }

    String rule() {
        return outcome.rule();
    }

    boolean equalShares() {
        return OutcomeIndex.equalShares(outcome);
    }

    /** The project's name, cut to a readable length; empty when it has none. */
    String name(String projectId) {
        ProjectResult r = index.result(projectId);
        String name = r == null ? "" : r.project().name().strip();
        if (name.length() > NAME_LIMIT) {
            // Never between the two halves of a surrogate pair: a lone half has no UTF-8 form.
            int cut = Character.isHighSurrogate(name.charAt(NAME_LIMIT - 2)) ? NAME_LIMIT - 2 : NAME_LIMIT - 1;
            name = name.substring(0, cut).strip() + "…";
        }
        return name;
    }

    /** "project 3 (PopUp Podium)", or "project 3" when it has no name. */
    String label(String word, String projectId) {
        String name = name(projectId);
        return word + " " + projectId + (name.isEmpty() ? "" : " (" + name + ")");
    }

    String amount(long value) {
        return money.format(value);
    }

    String amount(String exact) {
        return money.format(exact);
    }

    /** Number of voters (empty ballots included), when the outcome records it. */
    OptionalLong voters() {
        return longDetail(outcome.details().get(DetailKeys.VOTERS));
    }

    Optional<String> detail(String key) {
        return Optional.ofNullable(result.details().get(key)).filter(v -> !v.isBlank());
    }

    Optional<String> outcomeDetail(String key) {
        return Optional.ofNullable(outcome.details().get(key)).filter(v -> !v.isBlank());
    }

    /** What was left of the budget just before this project was funded, from the order of {@code selected}. */
    long remainingBefore() {
        return outcome.budget() - index.spentBefore(id());
    }

    /** Total support of the funded projects (the knapsack optimum). */
    long fundedSupport() {
        return index.fundedSupport;
    }

    /** Whether the rule stopped at a project that did not fit (greedy without skipping, Phragmén). */
    boolean ruleStopped() {
        return index.ruleStopped;
    }

    /** The rule stopped at this project (it was the first that did not fit, and the rule does not skip). */
    boolean stoppedHere() {
        return index.stoppedAt(id());
    }

    /** The first recorded tie this project was part of. */
    Optional<TieBreak> tie() {
        return outcome.ties().stream().filter(t -> t.tied().contains(id())).findFirst();
    }

    List<String> others(TieBreak tie) {
        return tie.tied().stream().filter(p -> !p.equals(id())).toList();
    }

    /** Funded by a completion step of Equal Shares (the greedy fill), not by the supporters' shares. */
    boolean completion(Decision.Funded d) {
        return OutcomeIndex.isCompletion(outcome, d);
    }

    /** The decision Equal Shares took before a greedy fill decided the project again, when it did. */
    Optional<String> mesDecision() {
        return detail(DetailKeys.MES_DECISION);
    }

    /** Equal Shares was followed by a greedy fill of what was left. */
    boolean greedyFill() {
        return index.greedyFill;
    }

    /** Equal Shares raised the money per voter step by step (the add-one completion). */
    boolean raisedShare() {
        return outcomeDetail(DetailKeys.FIRST_SHARE).isPresent() || rule().equals(RuleName.MES_ADD1.label());
    }

    /** The money each voter started with under Equal Shares (exact, as text), when known. */
    Optional<String> startShare() {
        // mes records startShare (B/n, exact); the add-one completion records share (the whole amount it took)
        for (String key : new String[] {DetailKeys.START_SHARE, DetailKeys.SHARE}) {
            Optional<String> v = outcomeDetail(key);
            if (v.isPresent()) {
                return v;
            }
        }
        if (rule().equals(RuleName.MES.label()) && voters().isPresent() && voters().getAsLong() > 0) {
            return Optional.of(budget() + "/" + voters().getAsLong());
        }
        return Optional.empty();
    }

    /** How much of this project's supporters' money went to the given funded project (exact, as text). */
    Optional<String> spentOn(String projectId) {
        for (String entry : detail(DetailKeys.SPENT_ON).orElse("").split(";")) {
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.substring(0, colon).equals(projectId)) {
                return Optional.of(entry.substring(colon + 1));
            }
        }
        return Optional.empty();
    }

    /** The funded project on which this project's supporters spent the most (Equal Shares), when recorded. */
    Optional<String> spentMostOn() {
        String first = detail(DetailKeys.SPENT_ON).orElse("").split(";")[0];
        int colon = first.lastIndexOf(':');
        return colon > 0 ? Optional.of(first.substring(0, colon)) : Optional.empty();
    }

    /** The total this project's supporters spent on funded projects (Equal Shares), when recorded. */
    Optional<Rational> spentTotal() {
        return index.spentTotal(result);
    }

    /**
     * What the supporters of a project funded by Equal Shares paid: how many paid, the equal share
     * (approval ballots), how many paid it in full, and the range paid by those who paid less
     * (everything they still had). Empty when the outcome holds no payments for the project.
     */
    Optional<Payments> payments() {
        OptionalLong payers = longDetail(result.details().get(DetailKeys.PAYERS));
        if (payers.isEmpty()) {
            return Optional.empty();
        }
        String share = detail(DetailKeys.SHARE).orElse(null);
        String min = detail(DetailKeys.MIN_PAYMENT).orElse(null);
        String max = detail(DetailKeys.MAX_PAYMENT).orElse(null);
        long full = longDetail(result.details().get(DetailKeys.PAID_FULL_SHARE)).orElse(share == null ? 0 : payers.getAsLong());
        long poor = payers.getAsLong() - full;
        String poorMin = null;
        String poorMax = null;
        if (share != null && poor > 0) {
            Rational shareValue = Rational.parse(share);
            for (String entry : detail(DetailKeys.PAYMENTS).orElse("").split(";")) {
                int x = entry.indexOf('x');
                if (x <= 0) {
                    continue;
                }
                String amount = entry.substring(x + 1);
                if (Rational.parse(amount).compareTo(shareValue) < 0) {
                    if (poorMin == null) {
                        poorMin = amount;
                    }
                    poorMax = amount;
                }
            }
            if (poorMin == null) {
                poorMin = min;
            }
        }
        return Optional.of(new Payments(payers.getAsLong(), share, full, poor, poorMin, poorMax, min, max));
    }

    /**
     * Payments by a project's supporters; amounts are exact text.
     *
     * @param payers  supporters who paid something
     * @param share   the equal share (approval ballots), or null
     * @param full    supporters who paid the equal share
     * @param poor    supporters who paid less: everything they still had
     * @param poorMin smallest amount paid by those (null when unknown)
     * @param poorMax largest amount paid by those (null when unknown)
     * @param min     smallest amount paid by anyone
     * @param max     largest amount paid by anyone
     */
    record Payments(long payers, String share, long full, long poor, String poorMin, String poorMax, String min,
                    String max) {
    }

    static OptionalLong longDetail(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
