package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.election.ProposalsBeforeOpening.Entry;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.security.ElectionGrant;
import nl.buurtbegroting.service.security.ElectionGrantRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creating, changing and moving elections through their lifecycle. Every change runs in one
 * transaction that first locks the election row, checks access and state, and writes the audit event
 * together with the change.
 */
@Singleton
public class ElectionService {

    private final ElectionRepository elections;
    private final ProposalsBeforeOpening proposals;
    private final ElectionGrantRepository grants;
    private final ElectionMapper mapper;
    private final ElectionAccess access;
    private final AuditLog audit;
    private final Clock clock;

    public ElectionService(ElectionRepository elections, ProposalsBeforeOpening proposals, ElectionGrantRepository grants,
                           ElectionMapper mapper, ElectionAccess access, AuditLog audit, Clock clock) {
        this.elections = elections;
        this.proposals = proposals;
        this.grants = grants;
        this.mapper = mapper;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ElectionView create(Caller caller, ElectionRequest request) {
        // Here, not in the controller, so that the organiser pages get the same rule for text as the API.
        TextCheck.require(request);
        return mapper.toView(insert(caller, request, "ELECTION_CREATED"));
    }

    /** Inserts a draft election; the caller becomes its organiser when not an admin. */
    @Transactional
    public ElectionRow insert(Caller caller, ElectionRequest request, String auditAction) {
        ElectionRequest normalised = validated(request.withDefaults());
        Instant now = Instant.now(clock);
        ElectionRow row = elections.save(mapper.toRow(null, normalised, ElectionState.DRAFT, caller.username(), now, now));
        audit.record(caller.username(), auditAction, row.id(), normalised.name(), "budget " + normalised.budget()
                + " " + normalised.currency() + ", rule " + normalised.rule() + ", ballot " + normalised.ballot().format());
        if (caller.isOrganiser() && !caller.isAdmin()) {
            grants.save(new ElectionGrant(null, caller.username(), row.id()));
            audit.record(caller.username(), "GRANT_ADDED", row.id(), caller.username(), "creator of election " + row.id());
        }
        return row;
    }

    @Transactional
    public List<ElectionSummary> list(@Nullable Caller caller) {
        List<ElectionRow> rows;
        if (caller != null && (caller.isAdmin() || caller.isAuditor())) {
            rows = elections.listOrderById();
        } else {
            rows = new ArrayList<>(elections.findByStateNotEqualOrderById(ElectionState.DRAFT));
            if (caller != null && caller.isOrganiser()) {
                for (ElectionGrant grant : grants.findByUsername(caller.username())) {
                    elections.findById(grant.electionId())
                            .filter(row -> row.state() == ElectionState.DRAFT)
                            .ifPresent(rows::add);
                }
                rows.sort((a, b) -> Long.compare(a.id(), b.id()));
            }
        }
        return rows.stream().map(mapper::toSummary).toList();
    }

    @Transactional
    public ElectionView get(@Nullable Caller caller, long id) {
        ElectionRow row = find(id);
        access.requireReadable(caller, row);
        return mapper.toView(row);
    }

    /** The election, if the caller may read it (404, 401 or 403 otherwise). */
    @Transactional
    public ElectionRow readable(@Nullable Caller caller, long id) {
        ElectionRow row = find(id);
        access.requireReadable(caller, row);
        return row;
    }

    @Transactional
    public ElectionView update(Caller caller, long id, ElectionPatch patch) {
        TextCheck.require(patch);
        ElectionRow row = lockDraftForChange(caller, id);
        ElectionRequest merged = validated(patch.applyTo(mapper.toRequest(row)));
        ElectionRow updated = elections.update(mapper.toRow(row.id(), merged, row.state(), row.createdBy(),
                row.createdAt(), Instant.now(clock)));
        audit.record(caller.username(), "ELECTION_UPDATED", id, updated.name(), "changed " + String.join(", ", patch.fieldsSet()));
        return mapper.toView(updated);
    }

    @Transactional
    public ElectionView open(Caller caller, long id) {
        ElectionRow row = lockDraftForChange(caller, id);
        List<Violation> missing = missingForOpen(mapper.toRequest(row), proposals.of(id));
        if (row.votingCloses() != null && !row.votingCloses().isAfter(Instant.now(clock))) {
            missing = new ArrayList<>(missing);
            missing.add(new Violation("votingCloses", "VOTING_CLOSES_PASSED", "votingCloses (" + row.votingCloses()
                    + ") has passed; set a later end of voting before opening"));
        }
        if (!missing.isEmpty()) {
            throw ApiProblem.incomplete(missing);
        }
        return mapper.toView(move(caller, row, ElectionState.OPEN));
    }

    /**
     * Moves the end of voting of an OPEN election later (never earlier: residents were told a date). The new time
     * is audited and appears in the bundle's events, so a late extension is plain to any auditor.
     */
    @Transactional
    public ElectionView extend(Caller caller, long id, Instant votingCloses) {
        ElectionRow row = lockForChange(caller, id);
        if (row.state() != ElectionState.OPEN) {
            throw ApiProblem.of(ProblemCode.ELECTION_NOT_OPEN,
                    "Election " + id + " is " + row.state() + "; only the end of an OPEN vote can be moved.");
        }
        Instant now = Instant.now(clock);
        if (!votingCloses.isAfter(now) || (row.votingCloses() != null && !votingCloses.isAfter(row.votingCloses()))) {
            throw ApiProblem.invalid("votingCloses", "NOT_LATER", "the new end of voting must be after now ("
                    + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")"
                    + (row.votingCloses() == null ? "" : " and after the current end, " + row.votingCloses()));
        }
        ElectionRequest current = mapper.toRequest(row);
        ElectionRequest moved = current.withVotingCloses(votingCloses);
        ElectionRow updated = elections.update(mapper.toRow(row.id(), moved, row.state(), row.createdBy(), row.createdAt(), now));
        audit.record(caller.username(), "VOTING_EXTENDED", id, votingCloses.toString(),
                "votingCloses " + row.votingCloses() + " -> " + votingCloses);
        return mapper.toView(updated);
    }

    @Transactional
    public ElectionView close(Caller caller, long id) {
        ElectionRow row = lockForChange(caller, id);
        if (row.state() != ElectionState.OPEN) {
            throw ApiProblem.of(ProblemCode.ELECTION_NOT_OPEN,
                    "Election " + id + " is " + row.state() + "; only an OPEN election can be closed.");
        }
        return mapper.toView(move(caller, row, ElectionState.CLOSED));
    }

    /** Moves one step forward in the lifecycle and records it; never backwards, never skipping. */
    public ElectionRow move(Caller caller, ElectionRow row, ElectionState target) {
        if (!row.state().canMoveTo(target)) {
            throw ApiProblem.of(ProblemCode.ILLEGAL_TRANSITION, "Election " + row.id() + " cannot move from "
                    + row.state() + " to " + target + ".");
        }
        ElectionRow moved = elections.update(row.withState(target, Instant.now(clock)));
        audit.record(caller.username(), "ELECTION_" + target.name(), row.id(), row.name(), row.state() + " -> " + target);
        return moved;
    }

    /**
     * Locks the election for a change of its configuration or proposals: 404 when it does not exist,
     * 403 when the caller may not change it, 409 ELECTION_NOT_DRAFT once it has opened.
     */
    @Transactional
    public ElectionRow lockDraftForChange(Caller caller, long id) {
        ElectionRow row = lockForChange(caller, id);
        if (row.state() != ElectionState.DRAFT) {
            throw ApiProblem.of(ProblemCode.ELECTION_NOT_DRAFT, "Election " + id + " is " + row.state()
                    + "; its configuration and proposals are fixed once it opens.");
        }
        return row;
    }

    private ElectionRow lockForChange(Caller caller, long id) {
        ElectionRow row = elections.findByIdForUpdate(id).orElseThrow(() -> notFound(id));
        access.requireWritable(caller, id);
        return row;
    }

    private ElectionRow find(long id) {
        return elections.findById(id).orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(long id) {
        return ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + id + ".");
    }

    /** Checks what bean validation cannot see (relations between fields); returns the request with a canonical rule name. */
    static ElectionRequest validated(ElectionRequest r) {
        List<Violation> violations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < r.categories().size(); i++) {
            if (r.categories().get(i).name().indexOf(',') >= 0) {
                // Pabulib, the open data of every result, separates a proposal's categories with commas: "a,b" came
                // back from export.pb as two categories "a" and "b".
                violations.add(new Violation("categories[" + i + "].name", "CATEGORY_NAME_COMMA",
                        "a category name cannot hold a comma (the Pabulib export separates categories with commas)"));
            }
            if (!names.add(r.categories().get(i).name().strip())) {
                violations.add(new Violation("categories[" + i + "].name", "DUPLICATE_CATEGORY",
                        "category '" + r.categories().get(i).name() + "' appears twice"));
            }
        }
        Set<String> districts = new HashSet<>();
        List<String> listed = r.eligibility().districts();
        for (int i = 0; i < listed.size(); i++) {
            // A code batch names one district; two spellings of one place would split its letters over two names.
            if (!districts.add(listed.get(i).strip().toLowerCase(java.util.Locale.ROOT))) {
                violations.add(new Violation("eligibility.districts[" + i + "]", "DUPLICATE_DISTRICT",
                        "district '" + listed.get(i) + "' appears twice"));
            }
        }
        BallotSettings b = r.ballot();
        if (b.minProjects() != null && b.maxProjects() != null && b.minProjects() > b.maxProjects()) {
            violations.add(new Violation("ballot.minProjects", "MIN_ABOVE_MAX", "minProjects is above maxProjects"));
        }
        if (b.format() == BallotFormat.CHOOSE_ONE && (notOne(b.minProjects()) || notOne(b.maxProjects()))) {
            violations.add(new Violation("ballot.maxProjects", "CHOOSE_ONE_LIMITS", "a choose-one ballot names exactly one proposal"));
        }
        if (b.format() != BallotFormat.CUMULATIVE && b.maxPoints() != null) {
            violations.add(new Violation("ballot.maxPoints", "POINTS_NEED_CUMULATIVE", "maxPoints applies to CUMULATIVE ballots only"));
        }
        if (b.format() != BallotFormat.KNAPSACK && b.maxCost() != null) {
            // Only a knapsack ballot has a cost limit; elsewhere it would be stored, ignored by voting and exported.
            violations.add(new Violation("ballot.maxCost", "COST_LIMIT_NEEDS_KNAPSACK", "maxCost applies to KNAPSACK ballots only"));
        }
        var rule = RuleCatalog.canonical(r.rule());
        if (rule.isEmpty()) {
            violations.add(new Violation("rule", "UNKNOWN_RULE", "unknown rule '" + r.rule() + "'; known rules: "
                    + String.join(", ", RuleCatalog.names())));
        }
        TieBreakingSettings t = r.tieBreaking();
        if (t.policy() == TiePolicy.RANDOM && t.seed() == null) {
            violations.add(new Violation("tieBreaking.seed", "SEED_REQUIRED", "RANDOM tie-breaking needs a seed"));
        }
        if (t.policy() != TiePolicy.GIVEN && !t.order().isEmpty()) {
            violations.add(new Violation("tieBreaking.order", "ORDER_NEEDS_GIVEN", "an order applies to GIVEN tie-breaking only"));
        }
        if (new HashSet<>(t.order()).size() != t.order().size()) {
            violations.add(new Violation("tieBreaking.order", "DUPLICATE_IN_ORDER", "a proposal appears twice in the order"));
        }
        for (int i = 0; i < r.incompatibleGroups().size(); i++) {
            if (new HashSet<>(r.incompatibleGroups().get(i)).size() != r.incompatibleGroups().get(i).size()) {
                violations.add(new Violation("incompatibleGroups[" + i + "]", "DUPLICATE_IN_GROUP",
                        "a proposal appears twice in the group"));
            }
        }
        if (r.votingOpens() != null && r.votingCloses() != null && !r.votingCloses().isAfter(r.votingOpens())) {
            violations.add(new Violation("votingCloses", "WINDOW_INVALID", "votingCloses must be after votingOpens"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new ElectionRequest(r.name(), r.neighbourhood(), r.budget(), r.currency(), r.categories(), r.ballot(),
                rule.get(), r.tieBreaking(), r.eligibility(), r.votingOpens(), r.votingCloses(), r.incompatibleGroups());
    }

    private static boolean notOne(Integer limit) {
        return limit != null && limit != 1;
    }

    /** What keeps the election from opening now (the organiser pages' checklist); empty when it can open. */
    @Transactional
    public List<Violation> missingForOpen(@Nullable Caller caller, long id) {
        ElectionRow row = readable(caller, id);
        return missingForOpen(mapper.toRequest(row), proposals.of(id));
    }

    /** Everything that keeps a draft from opening, in a stable order; empty when it can open. */
    static List<Violation> missingForOpen(ElectionRequest r, List<Entry> all) {
        List<Violation> missing = new ArrayList<>();
        if (r.budget() <= 0) {
            missing.add(new Violation("budget", "BUDGET_NOT_POSITIVE", "the budget must be above 0"));
        }
        if (!RuleCatalog.fits(r.rule(), r.ballot().format())) {
            missing.add(new Violation("rule", "RULE_DOES_NOT_FIT_FORMAT",
                    "rule " + r.rule() + " cannot count " + r.ballot().format() + " ballots"));
        }
        if (r.ballot().format() == BallotFormat.CUMULATIVE && r.ballot().maxPoints() == null) {
            missing.add(new Violation("ballot.maxPoints", "MAX_POINTS_REQUIRED", "a CUMULATIVE ballot needs maxPoints"));
        }
        List<Entry> eligible = all.stream().filter(Entry::eligible).toList();
        if (eligible.isEmpty()) {
            missing.add(new Violation("proposals", "NO_ELIGIBLE_PROPOSAL", "at least one proposal must be ELIGIBLE"));
        }
        Integer least = r.ballot().minProjects();
        if (!eligible.isEmpty() && least != null && least > eligible.size()) {
            // Opened, every ballot was refused: no resident could name that many proposals.
            missing.add(new Violation("ballot.minProjects", "MIN_PROJECTS_ABOVE_ELIGIBLE", "a ballot must name at least "
                    + least + " proposals, but " + eligible.size() + " are ELIGIBLE: no ballot could be valid"));
        }
        List<String> pending = all.stream().filter(Entry::pending).map(Entry::code).toList();
        if (!pending.isEmpty()) {
            missing.add(new Violation("proposals", "VERDICT_PENDING",
                    "proposals without an eligibility verdict: " + String.join(", ", pending)));
        }
        Set<String> categories = new HashSet<>();
        r.categories().forEach(c -> categories.add(c.name()));
        List<String> uncategorised = all.stream()
                .filter(p -> p.category() != null && !categories.contains(p.category()))
                .map(Entry::code).toList();
        if (!uncategorised.isEmpty()) {
            missing.add(new Violation("proposals", "UNKNOWN_CATEGORY",
                    "proposals in a category the election does not have: " + String.join(", ", uncategorised)));
        }
        Set<String> codes = new HashSet<>();
        all.forEach(p -> codes.add(p.code()));
        for (int i = 0; i < r.incompatibleGroups().size(); i++) {
            List<String> unknown = r.incompatibleGroups().get(i).stream().filter(c -> !codes.contains(c)).toList();
            if (!unknown.isEmpty()) {
                missing.add(new Violation("incompatibleGroups[" + i + "]", "UNKNOWN_PROPOSAL",
                        "the group names proposals the election does not have: " + String.join(", ", unknown)));
            }
        }
        if (r.tieBreaking().policy() == TiePolicy.GIVEN) {
            Set<String> ordered = new HashSet<>(r.tieBreaking().order());
            List<String> absent = eligible.stream().map(Entry::code).filter(c -> !ordered.contains(c)).toList();
            if (!absent.isEmpty()) {
                missing.add(new Violation("tieBreaking.order", "TIE_ORDER_INCOMPLETE",
                        "the tie-breaking order lacks: " + String.join(", ", absent)));
            }
        }
        return missing;
    }
}
