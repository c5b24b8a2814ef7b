package nl.buurtbegroting.core.explain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;

/**
 * Writes, for every project of an {@link Outcome}, why it was or was not funded, in Dutch or English
 * at B1 level: a headline, two to four short sentences with the figures, and the rule in one sentence.
 *
 * <p>Everything comes from the outcome: the decision and its fields, the project's support and cost,
 * the order of the funded projects, the ties, and the exact figures a rule puts in the details
 * (for Equal Shares: what each supporter paid, what the supporters of an unfunded project still held
 * and lacked, and which project took their money). Exact amounts are rounded to cents for display only.
 *
 * <p>Two things an outcome does not always say are taken from the election when it is given
 * ({@link #forInstance(Instance)}): the currency (META {@code currency}; euros otherwise) and whether
 * support is counted in votes or in points (cumulative ballots). Without it, the outcome's details
 * {@code currency} and {@code voteType} are used when present.
 *
 * <p>An explainer is immutable and can be shared between threads.
 */
public final class Explainer {

    /** The decision kinds with their own text; a kind added later gets a plain fallback until it has one. */
    static final Set<Class<? extends Decision>> WORDED = Set.of(Decision.Funded.class, Decision.DoesNotFit.class,
            Decision.BelowThreshold.class, Decision.NotEligible.class, Decision.ExceedsCategoryCap.class,
            Decision.Incompatible.class, Decision.StoppedBefore.class, Decision.NotInOptimum.class,
            Decision.NotAffordable.class, Decision.NoSupport.class);

    private final String currency;
    /** Null: decide from the outcome's details. */
    private final Boolean points;

    /** Euros; votes or points as the outcome's details say (votes when they say nothing). */
    public Explainer() {
        this(null, null);
    }

    private Explainer(String currency, Boolean points) {
        this.currency = currency;
        this.points = points;
    }

    /** Currency and votes-or-points taken from the election's instance. */
    public static Explainer forInstance(Instance instance) {
        Objects.requireNonNull(instance, "instance");
        String currency = instance.meta().getOrDefault("currency", "EUR");
        return new Explainer(currency, instance.voteType() == VoteType.CUMULATIVE);
    }

    /** The same explainer with amounts in the given currency (ISO code; {@code EUR} is shown as €). */
    public Explainer withCurrency(String isoCode) {
        return new Explainer(isoCode, points);
    }

    /** The same explainer counting support as points ({@code true}) or votes ({@code false}). */
    public Explainer withPoints(boolean supportIsPoints) {
        return new Explainer(currency, supportIsPoints);
    }

    /**
     * Why one project was or was not funded.
     *
     * @throws NoSuchElementException when the outcome has no project with that id
     */
    public Explanation explain(Outcome outcome, String projectId, Language language) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(language, "language");
        ProjectResult result = outcome.result(projectId)
                .orElseThrow(() -> new NoSuchElementException("the outcome has no project '" + projectId + "'"));
        return explain(new OutcomeIndex(outcome), result, language);
    }

    /** An explanation for every project, in the outcome's order. */
    public List<Explanation> explainAll(Outcome outcome, Language language) {
        return explainAll(outcome, List.of(language)).get(language);
    }

    /**
     * An explanation for every project in each of the languages, in the outcome's order. The languages share
     * what the explanations compute from the outcome (a city's exact sums among it), so this is cheaper than one
     * call per language.
     */
    public Map<Language, List<Explanation>> explainAll(Outcome outcome, List<Language> languages) {
        Objects.requireNonNull(outcome, "outcome");
        OutcomeIndex index = new OutcomeIndex(outcome);
        Map<Language, List<Explanation>> byLanguage = new EnumMap<>(Language.class);
        for (Language language : languages) {
            Objects.requireNonNull(language, "language");
            List<Explanation> all = new ArrayList<>(outcome.projects().size());
            for (ProjectResult result : outcome.projects()) {
                all.add(explain(index, result, language));
            }
            byLanguage.put(language, all);
        }
        return byLanguage;
    }

    private Explanation explain(OutcomeIndex index, ProjectResult result, Language language) {
        Map<String, String> details = index.outcome.details();
        String shownCurrency = currency != null ? currency : details.getOrDefault(DetailKeys.CURRENCY, "EUR");
        boolean shownPoints = points != null ? points
                : details.getOrDefault(DetailKeys.VOTE_TYPE, "").toLowerCase(Locale.ROOT).startsWith("cumulative");
        Facts facts = new Facts(index, result, new Money(language, shownCurrency), shownPoints);
        Wording wording = language == Language.NL ? new Dutch() : new English();
        Text text = words(wording, facts, result.decision());
        if (facts.tie().isPresent()) {
            text = text.plus(wording.tie(facts, facts.tie().get()));
        }
        return new Explanation(result.id(), language, result.decision().code(), result.selected(), text.headline(),
                text.body(), wording.rule(facts));
    }

    /** Dispatch over the sealed decision kinds (pattern matching in switch is a preview on Java 17). */
    private static Text words(Wording w, Facts f, Decision d) {
        if (d instanceof Decision.Funded x) {
            return w.funded(f, x);
        } else if (d instanceof Decision.DoesNotFit x) {
            return w.doesNotFit(f, x);
        } else if (d instanceof Decision.BelowThreshold x) {
            return w.belowThreshold(f, x);
        } else if (d instanceof Decision.NotEligible x) {
            return w.notEligible(f, x);
        } else if (d instanceof Decision.ExceedsCategoryCap x) {
            return w.exceedsCategoryCap(f, x);
        } else if (d instanceof Decision.Incompatible x) {
            return w.incompatible(f, x);
        } else if (d instanceof Decision.StoppedBefore x) {
            return w.stoppedBefore(f, x);
        } else if (d instanceof Decision.NotInOptimum x) {
            return w.notInOptimum(f, x);
        } else if (d instanceof Decision.NotAffordable x) {
            return w.notAffordable(f, x);
        } else if (d instanceof Decision.NoSupport) {
            return w.noSupport(f);
        }
        return w.other(f, d);
    }
}
