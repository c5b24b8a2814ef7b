package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.BallotSettings;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.Violation;
import org.zalando.problem.ThrowableProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is wrong with a keyed paper form, for the clerk at the keyboard: which number is not on the ballot, which one
 * is there twice, how many may be chosen. The service names them in English by JSON path ({@code projects[2]}); the
 * clerk reads them in their own language with the number as keyed, so they can compare it with the paper.
 */
final class PaperViolations {

    private PaperViolations() {
    }

    /** The general text followed by each violation's own, or the general text alone when there are none. */
    static String text(ManagePage page, ElectionView e, List<String> keyed, ThrowableProblem problem, String general) {
        Object list = problem.getParameters().get("violations");
        if (!(list instanceof List<?> violations)) {
            return general;
        }
        Set<String> parts = new LinkedHashSet<>();
        for (Object o : violations) {
            if (o instanceof Violation v && page.has("paper.v." + v.code())) {
                parts.add(page.t("paper.v." + v.code(), keyedAt(keyed, v.field()), limit(page, e, v.code())));
            }
        }
        if (parts.isEmpty()) {
            return general;
        }
        List<String> out = new ArrayList<>();
        out.add(general);
        out.addAll(parts);
        return String.join(" ", out);
    }

    /** The number keyed at {@code projects[i]} or {@code points[i]}; empty for a field about the whole form. */
    private static String keyedAt(List<String> keyed, String field) {
        int open = field.indexOf('[');
        if (open < 0 || !field.endsWith("]")) {
            return "";
        }
        try {
            int i = Integer.parseInt(field.substring(open + 1, field.length() - 1));
            return i >= 0 && i < keyed.size() ? keyed.get(i) : "";
        } catch (NumberFormatException x) {
            return "";
        }
    }

    /** The election's limit that the violation is about, as the clerk reads it. */
    private static String limit(ManagePage page, ElectionView e, String code) {
        BallotSettings b = e.ballot();
        return switch (code) {
            case "TOO_FEW_PROJECTS" -> page.number(b.minProjects() == null ? 1 : b.minProjects());
            case "TOO_MANY_PROJECTS" -> b.format() == BallotFormat.CHOOSE_ONE || b.maxProjects() == null ? "1"
                    : page.number(b.maxProjects());
            case "OVER_COST_LIMIT" -> page.money(b.maxCost() != null ? b.maxCost() : e.budget(), e.currency());
            case "POINTS_ABOVE_MAXIMUM", "TOO_MANY_POINTS" -> b.maxPoints() == null ? "" : page.number(b.maxPoints());
            default -> "";
        };
    }
}
