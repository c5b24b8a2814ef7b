package nl.buurtbegroting.core.model;

import java.util.Map;
import java.util.Set;

/** Chooses exactly one project; an empty choice (a blank ballot, as files have) supports nothing. */
public record ChooseOneBallot(String voterId, String choice, Map<String, String> attributes) implements Ballot {

    public ChooseOneBallot {
        voterId = voterId == null ? "" : voterId;
        choice = choice == null ? "" : choice;
        attributes = Attributes.copy(attributes);
    }

    public static ChooseOneBallot of(String projectId) {
        return new ChooseOneBallot("", projectId, Map.of());
    }

    @Override
    public Set<String> supported() {
        return choice.isEmpty() ? Set.of() : Set.of(choice);
    }

    @Override
    public long weight(String projectId) {
        return !choice.isEmpty() && choice.equals(projectId) ? 1 : 0;
    }

    @Override
    public VoteType voteType() {
        return VoteType.CHOOSE_ONE;
    }
}
