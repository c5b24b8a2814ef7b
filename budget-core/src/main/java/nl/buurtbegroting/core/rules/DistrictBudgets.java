package nl.buurtbegroting.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;

/**
 * Separate budgets per district, as Warsaw and Amsterdam run them: every district has its own budget
 * and its own projects, and is counted on its own by the same rule, as if it were a separate election.
 * A voter counts in the district of her {@code voterKey} attribute; a voter without one counts in every
 * district whose projects she supports (and, for Equal Shares, takes a share of that district's budget).
 * The outcomes are joined in the order the districts are given.
 *
 * @param budgets    district name to its budget, in the order of the joined outcome
 * @param projectKey project attribute naming the district (a project without it is refused)
 * @param voterKey   voter attribute naming the district
 */
public record DistrictBudgets(Map<String, Long> budgets, String projectKey, String voterKey) {

    public DistrictBudgets {
        budgets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(budgets));
        Objects.requireNonNull(projectKey, "projectKey");
        Objects.requireNonNull(voterKey, "voterKey");
        if (budgets.isEmpty()) {
            throw new IllegalArgumentException("give at least one district with its budget");
        }
        budgets.forEach((d, b) -> {
            if (b == null || b < 0) {
                throw new IllegalArgumentException("district " + d + " needs a budget of 0 or more");
            }
        });
    }

    /** Counts every district with the rule and joins the outcomes; the budget is the sum of the districts'. */
    public Outcome allocate(AllocationRule rule, Election election) {
        Instance instance = election.instance();
        for (Project p : instance.projects()) {
            String d = p.attributes().get(projectKey);
            if (d == null || !budgets.containsKey(d.strip())) {
                throw new UnsupportedElectionException("project " + p.id() + " has no district with a budget ("
                        + projectKey + " = " + d + "); districts: " + String.join(", ", budgets.keySet()));
            }
        }
        long budget = 0;
        long total = 0;
        List<String> selected = new ArrayList<>();
        Map<String, ProjectResult> results = new LinkedHashMap<>();
        List<TieBreak> ties = new ArrayList<>();
        Map<String, String> details = new LinkedHashMap<>();
        String tieBreaking = "";
        for (Map.Entry<String, Long> district : budgets.entrySet()) {
            Outcome part = rule.allocate(districtElection(election, district.getKey(), district.getValue()));
            budget = Math.addExact(budget, part.budget());
            total = Math.addExact(total, part.totalCost());
            selected.addAll(part.selected());
            part.projects().forEach(r -> results.put(r.id(), r));
            for (TieBreak t : part.ties()) {
                ties.add(new TieBreak(district.getKey() + ": " + t.step(), t.tied(), t.winner(), t.policy()));
            }
            part.details().forEach((k, v) -> details.put(DetailKeys.DISTRICT_PREFIX + district.getKey() + "." + k, v));
            details.put(DetailKeys.DISTRICT_PREFIX + district.getKey() + "." + DetailKeys.DISTRICT_SPENT, Long.toString(part.totalCost()));
            tieBreaking = part.tieBreaking();
        }
        List<ProjectResult> ordered = new ArrayList<>();
        for (Project p : instance.projects()) {
            ordered.add(results.get(p.id()));
        }
        return new Outcome(rule.name().label(), budget, total, selected, ordered, ties, tieBreaking, details);
    }

    /** One district as an election of its own: its projects, its budget, its voters' ballots on its projects. */
    Election districtElection(Election election, String district, long budget) {
        Instance instance = election.instance();
        List<Project> projects = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Project p : instance.projects()) {
            if (district.equals(p.attributes().get(projectKey).strip())) {
                projects.add(p);
                ids.add(p.id());
            }
        }
        Map<String, Long> caps = new LinkedHashMap<>(instance.categoryCaps());
        List<Set<String>> groups = new ArrayList<>();
        for (Set<String> g : instance.incompatibleGroups()) {
            Set<String> mine = new LinkedHashSet<>(g);
            mine.retainAll(ids);
            if (mine.size() > 1) {
                groups.add(mine);
            }
        }
        List<Ballot> ballots = new ArrayList<>();
        for (Ballot b : election.profile().ballots()) {
            String home = b.attributes().get(voterKey);
            boolean counts = home == null || home.isBlank()
                    ? b.supported().stream().anyMatch(ids::contains)
                    : district.equals(home.strip());
            if (counts) {
                ballots.add(restrict(b, ids));
            }
        }
        Instance part = new Instance(instance.name() + " / " + district, budget, projects, caps, groups,
                instance.ballotRules(), instance.meta());
        return new Election(part, new Profile(ballots));
    }

    private static Ballot restrict(Ballot b, Set<String> ids) {
        if (b instanceof ApprovalBallot a) {
            Set<String> kept = new LinkedHashSet<>(a.approved());
            kept.retainAll(ids);
            return new ApprovalBallot(a.voterId(), kept, a.attributes());
        }
        if (b instanceof ChooseOneBallot c) {
            return new ChooseOneBallot(c.voterId(), ids.contains(c.choice()) ? c.choice() : "", c.attributes());
        }
        if (b instanceof CumulativeBallot c) {
            Map<String, Long> kept = new LinkedHashMap<>(c.points());
            kept.keySet().retainAll(ids);
            return new CumulativeBallot(c.voterId(), kept, c.attributes());
        }
        OrdinalBallot o = (OrdinalBallot) b;
        return new OrdinalBallot(o.voterId(), o.ranking().stream().filter(ids::contains).toList(), o.attributes());
    }
}
