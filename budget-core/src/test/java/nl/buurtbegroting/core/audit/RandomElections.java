package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.MesCompletion;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * Small seeded elections built to hit the corners of the rules: few voters and projects, costs and
 * supports that tie often, projects nobody supports, projects not admitted, category caps, incompatible
 * groups, thresholds, no-skip, every tie policy and every MES completion. The same seed gives the same
 * election, rule and options.
 */
public final class RandomElections {

    private RandomElections() {
    }

    public record Drawn(long seed, Election election, RuleName rule, RuleOptions options) {
        @Override
        public String toString() {
            return "random election " + seed + " (" + rule + ", " + election.instance().voteType().pabulibName() + ", ties "
                    + options.tieBreaking().spec() + ")";
        }
    }

    public static Drawn draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        VoteType type = switch (r.nextInt(6)) {
            case 0 -> VoteType.CUMULATIVE;
            case 1 -> VoteType.CHOOSE_ONE;
            default -> VoteType.APPROVAL;
        };
        int m = 1 + r.nextInt(8);
        long unit = r.nextBoolean() ? 1 : 100;
        List<Project> projects = new ArrayList<>();
        String[] cats = {"green", "play", "road"};
        for (int j = 0; j < m; j++) {
            long cost = unit * (r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(12));
            List<String> mine = new ArrayList<>();
            for (String c : cats) {
                if (r.nextInt(3) == 0) {
                    mine.add(c);
                }
            }
            Eligibility e = r.nextInt(12) == 0 ? Eligibility.notAdmitted("not on municipal land") : Eligibility.ADMITTED;
            String id = r.nextInt(4) == 0 ? Integer.toString(j + 8) : "p" + (j + 1);
            projects.add(new Project(id, "project " + id, cost, mine, List.of(), e, Map.of()));
        }
        List<String> admitted = projects.stream().filter(Project::admitted).map(Project::id).toList();
        long budget = unit * (r.nextInt(3) == 0 ? r.nextInt(8) : 5 + r.nextInt(30));
        Map<String, Long> caps = new LinkedHashMap<>();
        for (String c : cats) {
            if (r.nextInt(3) == 0) {
                caps.put(c, unit * r.nextInt(15));
            }
        }
        List<Set<String>> groups = new ArrayList<>();
        if (r.nextInt(3) == 0 && m >= 2) {
            Set<String> g = new LinkedHashSet<>();
            while (g.size() < 2) {
                g.add(projects.get(r.nextInt(m)).id());
            }
            groups.add(g);
        }
        int n = r.nextInt(12);
        List<Ballot> ballots = new ArrayList<>();
        for (int v = 0; v < n && !admitted.isEmpty(); v++) {
            if (type == VoteType.CHOOSE_ONE) {
                ballots.add(new ChooseOneBallot("", admitted.get(r.nextInt(admitted.size())), Map.of()));
                continue;
            }
            Map<String, Long> points = new LinkedHashMap<>();
            for (String id : admitted) {
                if (r.nextInt(3) == 0) {
                    points.put(id, type == VoteType.CUMULATIVE ? (long) r.nextInt(4) : 1L);
                }
            }
            ballots.add(type == VoteType.CUMULATIVE ? new CumulativeBallot("", points, Map.of())
                    : new ApprovalBallot("", points.keySet(), Map.of()));
        }
        Instance instance = new Instance("random " + seed, budget, projects, caps, groups, BallotRules.of(type), Map.of("currency", "EUR"));
        RuleName rule = RuleName.values()[r.nextInt(RuleName.values().length)];
        String[] policies = {"default", "id", "id-desc", "given:" + projects.get(r.nextInt(m)).id() + "," + projects.get(0).id(),
            "random:" + (r.nextInt(2001) - 1000)};
        RuleOptions options = RuleOptions.withTieBreaking(TieBreaking.parse(policies[r.nextInt(policies.length)]))
                .withMinSupport(r.nextInt(4) == 0 ? r.nextInt(4) : 0).withNoSkip(r.nextInt(4) == 0);
        if (rule == RuleName.MES || rule == RuleName.MES_ADD1) {
            int c = r.nextInt(5);
            options = options.withMesCompletion(c == 4 ? null : MesCompletion.values()[c]).withRaisePastExhaustive(r.nextInt(3) == 0);
        }
        return new Drawn(seed, new Election(instance, new Profile(ballots)), rule, options);
    }

    static BundleInput input(Drawn d) {
        Outcome outcome = d.rule().create(d.options()).allocate(d.election());
        int n = d.election().profile().size();
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nonces.add(CanonicalBallot.derivedNonce("random-" + d.seed(), i));
        }
        List<AuditEvent> events = List.of(
                new AuditEvent(1, "ELECTION_CREATED", "2026-02-01", "organiser", Map.of()),
                new AuditEvent(2, "TALLIED", "2026-03-01T10:00:00.120Z", "system", Map.of("rule", d.rule().label())));
        BallotCounts counts = new BallotCounts(List.of(new BallotCounts.CodeBatch("letters", n + 3L, n)), Map.of("online", (long) n));
        ElectionInfo info = new ElectionInfo("random-" + d.seed(), "Random " + d.seed(), "Testwijk", "EUR", null);
        return new BundleInput(info, d.election(), nonces, d.rule(), d.options(), outcome, events, counts, "0.1.0-test", 0);
    }
}
