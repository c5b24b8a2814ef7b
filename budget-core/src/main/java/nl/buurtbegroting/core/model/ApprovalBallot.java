package nl.buurtbegroting.core.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Approves a set of projects (a knapsack ballot is an approval ballot with a cost limit). The approved ids
 * are kept as an immutable {@link ProjectIds} in the order given, a repeated id once.
 */
public record ApprovalBallot(String voterId, Set<String> approved, Map<String, String> attributes) implements Ballot {

    public ApprovalBallot {
        voterId = voterId == null ? "" : voterId;
        approved = ProjectIds.copyOf(approved);
        attributes = Attributes.copy(attributes);
    }

    public static ApprovalBallot of(String... projectIds) {
        return new ApprovalBallot("", ProjectIds.copyOf(List.of(projectIds)), Map.of());
    }

    public static ApprovalBallot of(Collection<String> projectIds) {
        return new ApprovalBallot("", ProjectIds.copyOf(projectIds), Map.of());
    }

    @Override
    public Set<String> supported() {
        return approved;
    }

    @Override
    public long weight(String projectId) {
        return approved.contains(projectId) ? 1 : 0;
    }

    @Override
    public VoteType voteType() {
        return VoteType.APPROVAL;
    }
}
