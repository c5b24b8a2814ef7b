package nl.buurtbegroting.core.outcome;

import java.util.Map;
import java.util.Objects;
import nl.buurtbegroting.core.model.Project;

/**
 * One project's line in an outcome: its support (approvals or points), whether it was funded and
 * why. {@code details} carries rule-specific exact figures (e.g. the MES price {@code rho} or what each
 * group of supporters paid, as rationals in text) that explanations use.
 */
public record ProjectResult(Project project, long support, Decision decision, Map<String, String> details) {

    public ProjectResult {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(decision, "decision");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ProjectResult(Project project, long support, Decision decision) {
        this(project, support, decision, Map.of());
    }

    public boolean selected() {
        return decision.funded();
    }

    public String id() {
        return project.id();
    }
}
