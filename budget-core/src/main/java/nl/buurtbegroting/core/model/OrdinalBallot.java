package nl.buurtbegroting.core.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks projects, best first. Read from Pabulib files and checked, but no allocation rule here counts
 * rankings: a rule given ordinal ballots refuses them with a clear message.
 */
public record OrdinalBallot(String voterId, List<String> ranking, Map<String, String> attributes) implements Ballot {

    public OrdinalBallot {
        voterId = voterId == null ? "" : voterId;
        ranking = List.copyOf(ranking);
        attributes = Attributes.copy(attributes);
    }

    @Override
    public Set<String> supported() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(ranking));
    }

    @Override
    public long weight(String projectId) {
        return ranking.contains(projectId) ? 1 : 0;
    }

    @Override
    public VoteType voteType() {
        return VoteType.ORDINAL;
    }
}
