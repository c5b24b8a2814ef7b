package nl.buurtbegroting.core.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a rule on an election: the funded projects in the order they were chosen, the total
 * spent, a decision for every project of the instance (in the instance's order), the ties that
 * decided anything and the policy that broke them, and rule-level details (exact figures as text).
 */
public record Outcome(String rule, long budget, long totalCost, List<String> selected, List<ProjectResult> projects,
                      List<TieBreak> ties, String tieBreaking, Map<String, String> details) {

    public Outcome {
        selected = List.copyOf(selected);
        projects = List.copyOf(projects);
        ties = List.copyOf(ties);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        long sum = 0;
        List<String> funded = new ArrayList<>();
        for (ProjectResult r : projects) {
            if (r.selected()) {
                sum = Math.addExact(sum, r.project().cost());
                funded.add(r.id());
            }
        }
        if (sum != totalCost) {
            throw new IllegalArgumentException("total cost " + totalCost + " differs from the funded projects' " + sum);
        }
        if (funded.size() != selected.size() || !new java.util.HashSet<>(funded).containsAll(selected)) {
            throw new IllegalArgumentException("selected list does not match the funded decisions");
        }
    }

    public Optional<ProjectResult> result(String projectId) {
        return projects.stream().filter(r -> r.id().equals(projectId)).findFirst();
    }

    public long remaining() {
        return budget - totalCost;
    }
}
