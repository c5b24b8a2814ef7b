package nl.buurtbegroting.service.ballot;

import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.service.election.BallotSettings;
import nl.buurtbegroting.service.election.Category;
import nl.buurtbegroting.service.election.ElectionRequest;
import nl.buurtbegroting.service.proposal.ProposalRow;
import nl.buurtbegroting.service.proposal.Verdict;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static nl.buurtbegroting.service.problem.TextCheck.publishable;

/**
 * The election as budget-core sees it: the one mapping from the stored election and its proposals to a core
 * {@link Instance}. Voting checks ballots against it, the tally counts with it, publication puts it in the
 * bundle, and the Pabulib export writes it (with the few additions the file format has, see
 * {@link #forPabulib}). Proposals keep the order they were added in, and their code is the project id.
 *
 * <p>Stored text is made publishable (a no-op for text checked on entry), so that no row can stop a tally.
 * A cost limit ({@code maxCost}) belongs to KNAPSACK ballots only; the election service refuses it on any
 * other format, and a value stored before that rule existed is ignored here, by voting and export alike.
 */
public final class ElectionInstance {

    private static final DateTimeFormatter PABULIB_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);

    private ElectionInstance() {
    }

    /**
     * The instance ballots are checked against and counted with: only ELIGIBLE proposals are admitted, category
     * caps as configured, the currency as the only META entry (the bundle's instance carries it).
     */
    public static Instance of(ElectionRequest election, List<ProposalRow> proposals) {
        return build(election, proposals, false, Map.of("currency", election.currency()));
    }

    /**
     * The instance as a Pabulib file describes it: a PENDING proposal is written as admitted, because the format
     * has no "not yet assessed"; each project's summary is its {@code description}; META adds the election's
     * name, neighbourhood, rule and voting dates.
     */
    public static Instance forPabulib(ElectionRequest election, List<ProposalRow> proposals) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("description", publishable(election.name()));
        meta.put("unit", publishable(election.neighbourhood()));
        meta.put("currency", election.currency());
        meta.put("rule", election.rule());
        if (election.votingOpens() != null) {
            meta.put("date_begin", PABULIB_DATE.format(election.votingOpens().atOffset(ZoneOffset.UTC)));
        }
        if (election.votingCloses() != null) {
            meta.put("date_end", PABULIB_DATE.format(election.votingCloses().minusSeconds(1).atOffset(ZoneOffset.UTC)));
        }
        return build(election, proposals, true, meta);
    }

    private static Instance build(ElectionRequest election, List<ProposalRow> proposals, boolean pabulib,
                                  Map<String, String> meta) {
        List<Project> projects = new ArrayList<>(proposals.size());
        for (ProposalRow p : proposals) {
            boolean admitted = p.verdict() == Verdict.ELIGIBLE || pabulib && p.verdict() == Verdict.PENDING;
            Eligibility verdict = admitted ? Eligibility.ADMITTED : Eligibility.notAdmitted(
                    p.publicReason() == null || p.publicReason().isBlank() ? "not admitted" : publishable(p.publicReason()));
            Map<String, String> attributes = pabulib && !p.summary().isBlank()
                    ? Map.of("description", publishable(p.summary())) : Map.of();
            projects.add(new Project(p.code(), publishable(p.title()), p.cost(),
                    p.category() == null ? List.of() : List.of(publishable(p.category())), List.of(), verdict, attributes));
        }
        Map<String, Long> caps = new LinkedHashMap<>();
        for (Category category : election.categories()) {
            if (category.cap() != null) {
                caps.put(publishable(category.name()), category.cap());
            }
        }
        return new Instance(publishable(election.name()), election.budget(), projects, caps,
                groups(election.incompatibleGroups(), projects), ballotRules(election.ballot(), election.budget()), meta);
    }

    /** What a ballot of the election's format may contain, as budget-core's validator checks it. */
    static BallotRules ballotRules(BallotSettings b, long budget) {
        return switch (b.format()) {
            case APPROVAL -> new BallotRules(VoteType.APPROVAL, b.minProjects(), b.maxProjects(),
                    null, null, null, null, null, null);
            case CHOOSE_ONE -> BallotRules.of(VoteType.CHOOSE_ONE);
            case KNAPSACK -> new BallotRules(VoteType.APPROVAL, b.minProjects(), b.maxProjects(), null,
                    b.maxCost() != null ? b.maxCost() : budget, null, null, null, null);
            case CUMULATIVE -> new BallotRules(VoteType.CUMULATIVE, b.minProjects(), b.maxProjects(), null, null,
                    null, null, null, b.maxPoints());
        };
    }

    /**
     * The election's incompatible groups as budget-core takes them, each limited to proposals that exist (a draft
     * may name one not added yet; opening requires them all).
     */
    private static List<Set<String>> groups(List<List<String>> incompatible, List<Project> projects) {
        Set<String> ids = new HashSet<>();
        projects.forEach(p -> ids.add(p.id()));
        List<Set<String>> out = new ArrayList<>();
        for (List<String> group : incompatible) {
            Set<String> known = new LinkedHashSet<>(group.stream().filter(ids::contains).toList());
            if (known.size() >= 2) {
                out.add(known);
            }
        }
        return out;
    }
}
