package nl.buurtbegroting.service.ballot;

import jakarta.inject.Singleton;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.validation.BallotValidator;
import nl.buurtbegroting.service.election.ElectionMapper;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.proposal.ProposalRepository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ballot rules of an election as a {@code budget-core} {@link Instance} ({@link ElectionInstance#of}) with
 * its validator, for voting and the tally. An election's configuration and proposals are frozen once it leaves
 * DRAFT, so those are cached; a DRAFT is read afresh each time (it accepts no ballots anyway). Whether the election is OPEN is never taken from
 * here: the ballot transaction checks that under a lock.
 */
@Singleton
public class BallotRulesCache {

    private final ElectionRepository elections;
    private final ProposalRepository proposals;
    private final ElectionMapper mapper;
    private final Map<Long, ElectionBallot> frozen = new ConcurrentHashMap<>();

    public BallotRulesCache(ElectionRepository elections, ProposalRepository proposals, ElectionMapper mapper) {
        this.elections = elections;
        this.proposals = proposals;
        this.mapper = mapper;
    }

    /** The election's ballot rules; empty when there is no such election. */
    public Optional<ElectionBallot> of(long electionId) {
        ElectionBallot cached = frozen.get(electionId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ElectionBallot> loaded = load(electionId);
        loaded.filter(e -> e.state() != ElectionState.DRAFT).ifPresent(e -> frozen.putIfAbsent(electionId, e));
        return loaded;
    }

    private Optional<ElectionBallot> load(long electionId) {
        return elections.findById(electionId).map(row -> {
            Instance instance = ElectionInstance.of(mapper.toRequest(row), proposals.findByElectionIdOrderById(electionId));
            return new ElectionBallot(electionId, row.state(), instance, new BallotValidator(instance));
        });
    }

    /** An election's frozen ballot rules and the state it had when read. */
    public record ElectionBallot(long electionId, ElectionState state, Instance instance, BallotValidator validator) {
    }
}
