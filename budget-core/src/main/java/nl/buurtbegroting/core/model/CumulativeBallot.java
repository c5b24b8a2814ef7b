package nl.buurtbegroting.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Gives points to projects; a project listed with 0 points is not supported. */
public record CumulativeBallot(String voterId, Map<String, Long> points, Map<String, String> attributes) implements Ballot {

    public CumulativeBallot {
        voterId = voterId == null ? "" : voterId;
        LinkedHashMap<String, Long> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : points.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("points for project " + e.getKey() + " must be a non-negative integer");
            }
            copy.put(e.getKey(), e.getValue());
        }
        points = Collections.unmodifiableMap(copy);
        attributes = Attributes.copy(attributes);
    }

    public static CumulativeBallot of(Map<String, Long> points) {
        return new CumulativeBallot("", new LinkedHashMap<>(points), Map.of());
    }

    @Override
    public Set<String> supported() {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        points.forEach((id, p) -> {
            if (p > 0) {
                ids.add(id);
            }
        });
        return Collections.unmodifiableSet(ids);
    }

    @Override
    public long weight(String projectId) {
        return points.getOrDefault(projectId, 0L);
    }

    public long totalPoints() {
        long sum = 0;
        for (long p : points.values()) {
            sum = Math.addExact(sum, p);
        }
        return sum;
    }

    @Override
    public VoteType voteType() {
        return VoteType.CUMULATIVE;
    }
}
