package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What opening an election needs to know about its proposals. The proposal package provides it, because
 * proposals belong to an election and not the other way round: election does not depend on proposal.
 */
public interface ProposalsBeforeOpening {

    /** The election's proposals in the order they were added (the checklist names them in that order). */
    List<Entry> of(long electionId);

    /**
     * One proposal as the opening checklist sees it.
     *
     * @param eligible admitted to the vote
     * @param pending  no eligibility verdict yet
     */
    record Entry(String code, boolean eligible, boolean pending, @Nullable String category) {
    }
}
