package nl.buurtbegroting.core.model;

import java.util.List;

/**
 * The ballots of an election, empty ballots included: an empty ballot still counts as a voter
 * (it matters for the Method of Equal Shares, which splits the budget over all voters).
 */
public record Profile(List<Ballot> ballots) {

    public Profile {
        ballots = List.copyOf(ballots);
    }

    public static Profile of(Ballot... ballots) {
        return new Profile(List.of(ballots));
    }

    public int size() {
        return ballots.size();
    }
}
