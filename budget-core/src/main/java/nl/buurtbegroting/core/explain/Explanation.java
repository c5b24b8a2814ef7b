package nl.buurtbegroting.core.explain;

import java.util.Objects;

/**
 * Why one project was or was not funded, in plain language (B1), in one language.
 *
 * @param projectId    the project's id
 * @param language     the language of the texts
 * @param decisionCode the decision's stable code ({@code FUNDED}, {@code DOES_NOT_FIT}...), as in the outcome
 * @param funded       whether the project was funded
 * @param headline     one sentence: "Gefinancierd: ..." / "Funded: ...", or "Niet gefinancierd: ..." /
 *                     "Not funded: ...", with the main reason
 * @param body         two to four short sentences with the figures behind the decision
 * @param rule         the allocation rule in one sentence
 */
public record Explanation(String projectId, Language language, String decisionCode, boolean funded, String headline,
                          String body, String rule) {

    public Explanation {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(decisionCode, "decisionCode");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(rule, "rule");
    }

    /** Headline, body and rule as one text, each on its own line. */
    public String text() {
        return headline + "\n" + body + "\n" + rule;
    }
}
