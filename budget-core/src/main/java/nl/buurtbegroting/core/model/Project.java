package nl.buurtbegroting.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A proposal that can be funded: an id (a string, as in Pabulib), a name, an exact integer cost in
 * the election's currency unit, the categories and target groups it belongs to, its eligibility
 * verdict, and any further attributes read from a file (kept, never used by the rules).
 */
public record Project(String id, String name, long cost, List<String> categories, List<String> targets,
                      Eligibility eligibility, Map<String, String> attributes) {

    public Project {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("project id is blank");
        }
        if (cost < 0) {
            throw new IllegalArgumentException("project " + id + " has a negative cost: " + cost);
        }
        name = name == null ? "" : name;
        categories = List.copyOf(categories == null ? List.of() : categories);
        targets = List.copyOf(targets == null ? List.of() : targets);
        eligibility = eligibility == null ? Eligibility.ADMITTED : eligibility;
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
    }

    public static Project of(String id, long cost) {
        return new Project(id, "", cost, List.of(), List.of(), Eligibility.ADMITTED, Map.of());
    }

    public static Project of(String id, String name, long cost, String... categories) {
        return new Project(id, name, cost, List.of(categories), List.of(), Eligibility.ADMITTED, Map.of());
    }

    public boolean admitted() {
        return eligibility.admitted();
    }

    public Project withEligibility(Eligibility verdict) {
        return new Project(id, name, cost, categories, targets, verdict, attributes);
    }
}
