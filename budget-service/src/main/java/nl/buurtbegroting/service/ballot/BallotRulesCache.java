package nl.buurtbegroting.service.ballot;

import jakarta.inject.Singleton;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotValidator;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.proposal.ProposalRepository;
import nl.buurtbegroting.service.proposal.ProposalRow;
import nl.buurtbegroting.service.proposal.Verdict;

import java.util.List;

import static nl.buurtbegroting.service.problem.TextCheck.publishable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ballot rules of an election as a {@code budget-core} {@link Instance} with its validator. An
 * election's configuration and proposals are frozen once it leaves DRAFT, so those are cached; a DRAFT is
 * read afresh each time (it accepts no ballots anyway). Whether the election is OPEN is never taken from
 * here: the ballot transaction checks that under a lock.
 */
@Singleton
public class BallotRulesCache {

    private final ElectionRepository elections;
    private final ProposalRepository proposals;
    private final nl.buurtbegroting.service.election.ElectionMapper mapper;
    private final Map<Long, ElectionBallot> frozen = new ConcurrentHashMap<>();

    public BallotRulesCache(ElectionRepository elections, ProposalRepository proposals,
                            nl.buurtbegroting.service.election.ElectionMapper mapper) {
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
            Instance instance = instanceOf(row, proposals.findByElectionIdOrderById(electionId),
                    mapper.toRequest(row).incompatibleGroups());
            return new ElectionBallot(electionId, row.state(), instance, new BallotValidator(instance));
        });
    }

    /** The election as {@code budget-core} sees it: proposals by their code, in listed order. */
    static Instance instanceOf(ElectionRow row, List<ProposalRow> rows) {
        return instanceOf(row, rows, List.of());
    }

    static Instance instanceOf(ElectionRow row, List<ProposalRow> rows, List<List<String>> incompatible) {
        // Stored text is made publishable (a no-op for text checked on entry), so that no row can stop a tally.
        List<Project> projects = rows.stream().map(p -> new Project(p.code(), publishable(p.title()), p.cost(),
                p.category() == null ? List.of() : List.of(publishable(p.category())), List.of(),
                p.verdict() == Verdict.ELIGIBLE ? Eligibility.ADMITTED : Eligibility.notAdmitted(
                        p.publicReason() == null || p.publicReason().isBlank() ? "not admitted" : publishable(p.publicReason())),
                Map.of())).toList();
        BallotRules rules = switch (row.ballotFormat()) {
            case APPROVAL -> new BallotRules(VoteType.APPROVAL, row.minProjects(), row.maxProjects(),
                    null, null, null, null, null, null);
            case CHOOSE_ONE -> BallotRules.of(VoteType.CHOOSE_ONE);
            case KNAPSACK -> new BallotRules(VoteType.APPROVAL, row.minProjects(), row.maxProjects(), null,
                    row.maxCost() != null ? row.maxCost() : row.budget(), null, null, null, null);
            case CUMULATIVE -> new BallotRules(VoteType.CUMULATIVE, row.minProjects(), row.maxProjects(), null, null,
                    null, null, null, row.maxPoints());
        };
        return new Instance(publishable(row.name()), row.budget(), projects, Map.of(), groups(incompatible, projects), rules, Map.of());
    }

    /**
     * The election's incompatible groups as budget-core takes them, each limited to proposals that exist (a draft
     * may name one not added yet; opening requires them all).
     */
    private static List<java.util.Set<String>> groups(List<List<String>> incompatible, List<Project> projects) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        projects.forEach(p -> ids.add(p.id()));
        List<java.util.Set<String>> out = new java.util.ArrayList<>();
        for (List<String> group : incompatible) {
            java.util.Set<String> known = new java.util.LinkedHashSet<>(group.stream().filter(ids::contains).toList());
            if (known.size() >= 2) {
                out.add(known);
            }
        }
        return out;
    }

    /** An election's frozen ballot rules and the state it had when read. */
    public record ElectionBallot(long electionId, ElectionState state, Instance instance, BallotValidator validator) {
    }
}
