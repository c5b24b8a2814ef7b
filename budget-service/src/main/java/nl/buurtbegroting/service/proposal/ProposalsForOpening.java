package nl.buurtbegroting.service.proposal;

import jakarta.inject.Singleton;
import nl.buurtbegroting.service.election.ProposalsBeforeOpening;

import java.util.List;

/** The election package's view of the proposals when it checks whether an election may open. */
@Singleton
class ProposalsForOpening implements ProposalsBeforeOpening {

    private final ProposalRepository proposals;

    ProposalsForOpening(ProposalRepository proposals) {
        this.proposals = proposals;
    }

    @Override
    public List<Entry> of(long electionId) {
        return proposals.findByElectionIdOrderById(electionId).stream()
                .map(p -> new Entry(p.code(), p.verdict() == Verdict.ELIGIBLE, p.verdict() == Verdict.PENDING, p.category()))
                .toList();
    }
}
