package nl.buurtbegroting.core.model;

import java.util.Map;
import java.util.Set;

/**
 * One voter's ballot. The kinds are closed: approval, choose-one, cumulative (points) and ordinal
 * (read from files only). Every kind tells which projects it supports and with what weight: 1 for
 * an approval or a choice, the points for a cumulative ballot.
 */
public sealed interface Ballot permits ApprovalBallot, ChooseOneBallot, CumulativeBallot, OrdinalBallot {

    /** The voter's id as given in the source (a Pabulib {@code voter_id}); may be empty for anonymous ballots. */
    String voterId();

    /** Further facts about the voter (age, sex, neighbourhood...), never used by the rules. */
    Map<String, String> attributes();

    /** Projects that get a positive weight from this ballot, in the order the ballot lists them. */
    Set<String> supported();

    /** The weight this ballot gives a project: 0 when it does not support it. */
    long weight(String projectId);

    VoteType voteType();
}
