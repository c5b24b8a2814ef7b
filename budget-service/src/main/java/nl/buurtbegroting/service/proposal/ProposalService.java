package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.Category;
import nl.buurtbegroting.service.election.ElectionMapper;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Proposals of an election. Adding or changing one locks the election row first, so it cannot slip in
 * while the election is being opened.
 */
@Singleton
public class ProposalService {

    /** Far above any real election (Pabulib's largest have a few hundred), low enough to bound a request. */
    static final int MAX_PROPOSALS = 5000;

    private final ProposalRepository proposals;
    private final ElectionService elections;
    private final ElectionMapper mapper;
    private final AuditLog audit;
    private final Clock clock;

    public ProposalService(ProposalRepository proposals, ElectionService elections, ElectionMapper mapper,
                           AuditLog audit, Clock clock) {
        this.proposals = proposals;
        this.elections = elections;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ProposalView create(Caller caller, long electionId, ProposalRequest request) {
        // Here, not in the controller, so that the organiser pages get the same rule for text as the API.
        TextCheck.require(request);
        ElectionRow election = elections.lockDraftForChange(caller, electionId);
        return ProposalView.of(insert(caller, election, request));
    }

    /** Adds a proposal to an election the caller has already locked as a draft. */
    @Transactional
    public ProposalRow insert(Caller caller, ElectionRow election, ProposalRequest request) {
        return insertAll(caller, election, List.of(request)).get(0);
    }

    /**
     * Adds proposals, in this order, to an election the caller has already locked as a draft: all of them or,
     * at the first one that breaks a rule, none. One statement batch for the rows and one for their audit
     * entries, so that importing a file of 5,000 proposals does not cost five queries each.
     */
    @Transactional
    public List<ProposalRow> insertAll(Caller caller, ElectionRow election, List<ProposalRequest> requests) {
        long electionId = election.id();
        long count = proposals.countByElectionId(electionId);
        if (count + requests.size() > MAX_PROPOSALS) {
            throw ApiProblem.of(ProblemCode.TOO_MANY_PROPOSALS,
                    "An election has at most " + MAX_PROPOSALS + " proposals.");
        }
        Set<String> codes = new HashSet<>();
        if (count > 0) {
            proposals.findByElectionIdOrderById(electionId).forEach(p -> codes.add(p.code()));
        }
        Set<String> categories = new HashSet<>();
        mapper.toRequest(election).categories().forEach(c -> categories.add(c.name()));
        int position = proposals.maxPosition(electionId);
        Instant now = Instant.now(clock);
        List<ProposalRow> rows = new ArrayList<>(requests.size());
        for (ProposalRequest request : requests) {
            String code = request.code();
            if (code == null) {
                long next = count + rows.size() + 1;
                while (codes.contains(String.valueOf(next))) {
                    next++;
                }
                code = String.valueOf(next);
            } else if (code.chars().allMatch(c -> c == '.')) {
                // "." and ".." are path segments that every HTTP client and browser removes, so
                // /api/elections/{id}/result/projects/.. never reached the proposal (it answered the whole result).
                throw ApiProblem.invalid("code", "CODE_ONLY_DOTS", "a proposal code needs a letter, digit, dash or underscore; "
                        + "'" + code + "' cannot be part of an address");
            } else if (codes.contains(code)) {
                throw ApiProblem.invalid("code", "DUPLICATE_CODE", "election " + electionId + " already has a proposal '" + code + "'");
            }
            codes.add(code);
            Verdict verdict = request.verdict() == null ? Verdict.PENDING : request.verdict();
            if (request.category() != null && !categories.contains(request.category())) {
                throw ApiProblem.invalid("category", "UNKNOWN_CATEGORY", "election " + electionId
                        + " has no category '" + request.category() + "'");
            }
            checkReason(verdict, request.publicReason());
            rows.add(new ProposalRow(null, electionId, code, request.title().strip(),
                    request.summary() == null ? "" : request.summary().strip(), request.cost(), request.category(),
                    verdict, blankToNull(request.publicReason()), now, now, ++position));
        }
        List<ProposalRow> saved = new ArrayList<>(rows.size());
        proposals.saveAll(rows).forEach(saved::add);
        audit.recordAll(caller.username(), "PROPOSAL_CREATED", electionId, saved.stream()
                .map(row -> new AuditLog.Entry(row.code(), "cost " + row.cost() + ", verdict " + row.verdict())).toList());
        return saved;
    }

    @Transactional
    public List<ProposalView> list(@Nullable Caller caller, long electionId) {
        elections.readable(caller, electionId);
        return proposals.findOrdered(electionId).stream().map(ProposalView::of).toList();
    }

    /**
     * Puts the proposals of a DRAFT election in the given order; {@code proposalIds} must name each of them
     * exactly once (400 PROPOSAL_ORDER_MISMATCH otherwise, nothing changed).
     */
    @Transactional
    public List<ProposalView> reorder(Caller caller, long electionId, @Nullable List<Long> proposalIds) {
        elections.lockDraftForChange(caller, electionId);
        List<ProposalRow> current = proposals.findOrdered(electionId);
        Map<Long, ProposalRow> byId = new HashMap<>();
        current.forEach(r -> byId.put(r.id(), r));
        if (proposalIds == null || proposalIds.size() != current.size()
                || proposalIds.stream().anyMatch(id -> id == null || !byId.containsKey(id))
                || new HashSet<>(proposalIds).size() != proposalIds.size()) {
            throw ApiProblem.invalid("proposalIds", "PROPOSAL_ORDER_MISMATCH", "proposalIds must name each of the "
                    + current.size() + " proposals of election " + electionId + " exactly once");
        }
        return apply(caller, electionId, proposalIds.stream().map(byId::get).toList());
    }

    /** Moves one proposal of a DRAFT election one place up ({@code -1}) or down ({@code +1}); at an end it stays. */
    @Transactional
    public List<ProposalView> move(Caller caller, long electionId, long proposalId, int step) {
        elections.lockDraftForChange(caller, electionId);
        ProposalRow moving = find(electionId, proposalId);
        List<ProposalRow> order = new ArrayList<>(proposals.findOrdered(electionId));
        int from = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).id().equals(moving.id())) {
                from = i;
            }
        }
        int to = Math.max(0, Math.min(order.size() - 1, from + Integer.signum(step)));
        order.add(to, order.remove(from));
        return apply(caller, electionId, order);
    }

    private List<ProposalView> apply(Caller caller, long electionId, List<ProposalRow> order) {
        List<ProposalView> views = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            ProposalRow row = order.get(i);
            proposals.setPosition(row.id(), i + 1);
            views.add(ProposalView.of(new ProposalRow(row.id(), row.electionId(), row.code(), row.title(), row.summary(),
                    row.cost(), row.category(), row.verdict(), row.publicReason(), row.createdAt(), row.updatedAt(), i + 1)));
        }
        String codes = String.join(",", order.stream().map(ProposalRow::code).toList());
        audit.record(caller.username(), "PROPOSALS_REORDERED", electionId, null,
                codes.length() > 900 ? codes.substring(0, 900) + "..." : codes);
        return views;
    }

    @Transactional
    public ProposalView get(@Nullable Caller caller, long electionId, long proposalId) {
        elections.readable(caller, electionId);
        return ProposalView.of(find(electionId, proposalId));
    }

    @Transactional
    public ProposalView update(Caller caller, long electionId, long proposalId, ProposalPatch patch) {
        TextCheck.require(patch);
        ElectionRow election = elections.lockDraftForChange(caller, electionId);
        ProposalRow current = find(electionId, proposalId);
        Verdict verdict = patch.verdict() != null ? patch.verdict() : current.verdict();
        String reason = patch.publicReason() != null ? blankToNull(patch.publicReason()) : current.publicReason();
        String category = patch.category() != null ? patch.category() : current.category();
        if (patch.category() != null) {
            checkCategory(election, category);
        }
        checkReason(verdict, reason);
        ProposalRow updated = proposals.update(new ProposalRow(current.id(), electionId, current.code(),
                patch.title() != null ? patch.title().strip() : current.title(),
                patch.summary() != null ? patch.summary().strip() : current.summary(),
                patch.cost() != null ? patch.cost() : current.cost(),
                category, verdict, reason, current.createdAt(), Instant.now(clock), current.listPosition()));
        audit.record(caller.username(), "PROPOSAL_UPDATED", electionId, current.code(), describe(current, updated));
        return ProposalView.of(updated);
    }

    /** Adds many proposals at once (the organiser pages' bulk import): all of them, or none when one is refused. */
    @Transactional
    public List<ProposalView> createAll(Caller caller, long electionId, List<ProposalRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            TextCheck.require("proposals[" + i + "]", requests.get(i));
        }
        ElectionRow election = elections.lockDraftForChange(caller, electionId);
        return requests.stream().map(r -> ProposalView.of(insert(caller, election, r))).toList();
    }

    /** Removes a proposal from a DRAFT election (organiser pages); recorded in the audit log. */
    @Transactional
    public void delete(Caller caller, long electionId, long proposalId) {
        elections.lockDraftForChange(caller, electionId);
        ProposalRow current = find(electionId, proposalId);
        proposals.delete(current);
        audit.record(caller.username(), "PROPOSAL_DELETED", electionId, current.code(), current.title());
    }

    private ProposalRow find(long electionId, long proposalId) {
        return proposals.findByIdAndElectionId(proposalId, electionId).orElseThrow(() -> ApiProblem.of(ProblemCode.PROPOSAL_NOT_FOUND,
                "Election " + electionId + " has no proposal " + proposalId + "."));
    }

    private void checkCategory(ElectionRow election, @Nullable String category) {
        if (category == null) {
            return;
        }
        List<Category> categories = mapper.toRequest(election).categories();
        if (categories.stream().noneMatch(c -> c.name().equals(category))) {
            throw ApiProblem.invalid("category", "UNKNOWN_CATEGORY", "election " + election.id()
                    + " has no category '" + category + "'");
        }
    }

    private static void checkReason(Verdict verdict, @Nullable String reason) {
        if (verdict == Verdict.INELIGIBLE && (reason == null || reason.isBlank())) {
            throw ApiProblem.invalid("publicReason", "PUBLIC_REASON_REQUIRED",
                    "a proposal that is not admitted needs a public reason");
        }
    }

    private static String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String describe(ProposalRow before, ProposalRow after) {
        StringBuilder changes = new StringBuilder("changed");
        if (!before.title().equals(after.title())) changes.append(" title");
        if (!before.summary().equals(after.summary())) changes.append(" summary");
        if (before.cost() != after.cost()) changes.append(" cost ").append(before.cost()).append("->").append(after.cost());
        if (!Objects.equals(before.category(), after.category())) changes.append(" category");
        if (before.verdict() != after.verdict()) changes.append(" verdict ").append(before.verdict()).append("->").append(after.verdict());
        if (!Objects.equals(before.publicReason(), after.publicReason())) changes.append(" publicReason");
        return changes.toString();
    }

}
