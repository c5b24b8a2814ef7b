package nl.buurtbegroting.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an election decides over, without the ballots: the budget, the projects in their listed
 * order, per-category caps, groups of incompatible projects (at most one of each group is funded),
 * the ballot rules and the remaining META data of a Pabulib file (kept so that it can be written back).
 *
 * @param name               a human-readable name (for example the Pabulib description)
 * @param budget             the total budget, an exact integer amount
 * @param projects           projects in their listed order (ids unique)
 * @param categoryCaps       most money that may go to projects of a category
 * @param incompatibleGroups groups of project ids of which at most one may be funded
 * @param ballotRules        what a valid ballot looks like
 * @param meta               META key/values as read (or to be written), in order
 */
public record Instance(String name, long budget, List<Project> projects, Map<String, Long> categoryCaps,
                       List<Set<String>> incompatibleGroups, BallotRules ballotRules, Map<String, String> meta) {

    public Instance {
        name = name == null ? "" : name;
        if (budget < 0) {
            throw new IllegalArgumentException("budget is negative: " + budget);
        }
        projects = List.copyOf(projects);
        Set<String> ids = new HashSet<>();
        for (Project p : projects) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("project id " + p.id() + " appears twice");
            }
        }
        categoryCaps = Collections.unmodifiableMap(new LinkedHashMap<>(categoryCaps == null ? Map.of() : categoryCaps));
        for (Map.Entry<String, Long> cap : categoryCaps.entrySet()) {
            if (cap.getValue() == null || cap.getValue() < 0) {
                throw new IllegalArgumentException("category cap of " + cap.getKey() + " must be a non-negative amount");
            }
        }
        List<Set<String>> groups = new ArrayList<>();
        for (Set<String> group : incompatibleGroups == null ? List.<Set<String>>of() : incompatibleGroups) {
            for (String id : group) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException("incompatible group names unknown project " + id);
                }
            }
            groups.add(Collections.unmodifiableSet(new LinkedHashSet<>(group)));
        }
        incompatibleGroups = List.copyOf(groups);
        ballotRules = ballotRules == null ? BallotRules.of(VoteType.APPROVAL) : ballotRules;
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta == null ? Map.of() : meta));
    }

    /** An instance with only a budget and projects, approval ballots and no constraints. */
    public static Instance of(long budget, List<Project> projects) {
        return new Instance("", budget, projects, Map.of(), List.of(), BallotRules.of(VoteType.APPROVAL), Map.of());
    }

    public Optional<Project> project(String id) {
        for (Project p : projects) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Project id to its position in {@link #projects()}. */
    public Map<String, Integer> projectIndex() {
        Map<String, Integer> index = new HashMap<>(projects.size() * 2);
        for (int i = 0; i < projects.size(); i++) {
            index.put(projects.get(i).id(), i);
        }
        return index;
    }

    public VoteType voteType() {
        return ballotRules.voteType();
    }

    public Instance withProjects(List<Project> replacement) {
        return new Instance(name, budget, replacement, categoryCaps, incompatibleGroups, ballotRules, meta);
    }

    public Instance withBudget(long replacement) {
        return new Instance(name, replacement, projects, categoryCaps, incompatibleGroups, ballotRules, meta);
    }

    public Instance withCategoryCaps(Map<String, Long> caps) {
        return new Instance(name, budget, projects, caps, incompatibleGroups, ballotRules, meta);
    }

    public Instance withIncompatibleGroups(List<Set<String>> groups) {
        return new Instance(name, budget, projects, categoryCaps, groups, ballotRules, meta);
    }

    public Instance withBallotRules(BallotRules rules) {
        return new Instance(name, budget, projects, categoryCaps, incompatibleGroups, rules, meta);
    }

    public Instance withMeta(Map<String, String> replacement) {
        return new Instance(name, budget, projects, categoryCaps, incompatibleGroups, ballotRules, replacement);
    }
}
