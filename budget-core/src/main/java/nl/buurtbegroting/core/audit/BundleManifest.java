package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.rules.MesCompletion;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * The content of {@code manifest.json}: the election's configuration as it was when voting opened,
 * and how the outcome was computed. Everything a verifier needs to rebuild the {@link Instance} and
 * rerun the rule is here, including the instance's META key/values (an outcome may take its wording
 * from them, such as the currency); project attributes and target groups, which no rule reads, are not.
 *
 * @param bundleFormat            the version of this format, {@link #FORMAT}
 * @param instance                budget, proposals in their listed order with eligibility, caps, groups, ballot rules
 * @param minimumVotersForBallots the privacy threshold in force
 * @param ballotsWithheld         whether ballots.json is left out because there were fewer voters
 */
public record BundleManifest(long bundleFormat, ElectionInfo info, Instance instance, RuleName rule, RuleOptions options,
                             String libraryVersion, String signingKeyId, long minimumVotersForBallots,
                             boolean ballotsWithheld) {

    public static final long FORMAT = 1;

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundleFormat", bundleFormat);
        Map<String, Object> election = new LinkedHashMap<>();
        election.put("id", info.electionId());
        election.put("name", info.name());
        election.put("neighbourhood", info.neighbourhood());
        election.put("currency", info.currency());
        election.put("councilDecision", info.councilDecision());
        m.put("election", election);
        m.put("budget", instance.budget());
        m.put("categories", categories(instance));
        List<Object> groups = new ArrayList<>();
        for (Set<String> g : instance.incompatibleGroups()) {
            groups.add(new ArrayList<>(g));
        }
        m.put("incompatibleGroups", groups);
        m.put("ballotRules", ballotRules(instance.ballotRules()));
        List<Object> proposals = new ArrayList<>();
        for (Project p : instance.projects()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("name", p.name());
            pm.put("cost", p.cost());
            pm.put("categories", p.categories());
            pm.put("admitted", p.admitted());
            pm.put("reason", p.eligibility().reason());
            proposals.add(pm);
        }
        m.put("proposals", proposals);
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("name", rule.label());
        rm.put("options", options(options));
        m.put("rule", rm);
        m.put("meta", instance.meta());
        m.put("libraryVersion", libraryVersion);
        m.put("signingKeyId", signingKeyId);
        Map<String, Object> ballots = new LinkedHashMap<>();
        ballots.put("minimumVoters", minimumVotersForBallots);
        ballots.put("withheld", ballotsWithheld);
        ballots.put("reason", withheldReason(ballotsWithheld, minimumVotersForBallots));
        m.put("ballots", ballots);
        return m;
    }

    private static List<Object> categories(Instance instance) {
        TreeSet<String> names = new TreeSet<>(instance.categoryCaps().keySet());
        for (Project p : instance.projects()) {
            names.addAll(p.categories());
        }
        List<Object> out = new ArrayList<>();
        for (String n : names) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", n);
            c.put("cap", instance.categoryCaps().get(n));
            out.add(c);
        }
        return out;
    }

    private static Map<String, Object> ballotRules(BallotRules r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("voteType", r.voteType().pabulibName());
        m.put("minLength", r.minLength() == null ? null : r.minLength().longValue());
        m.put("maxLength", r.maxLength() == null ? null : r.maxLength().longValue());
        m.put("minSumCost", r.minSumCost());
        m.put("maxSumCost", r.maxSumCost());
        m.put("minPoints", r.minPoints());
        m.put("maxPoints", r.maxPoints());
        m.put("minSumPoints", r.minSumPoints());
        m.put("maxSumPoints", r.maxSumPoints());
        return m;
    }

    /**
     * The rule options as the bundle records them. Written through the public factory methods, so that a
     * field added to {@link RuleOptions} later is caught by {@link BundleBuilder}'s round-trip check
     * instead of silently left out of the bundle.
     */
    static Map<String, Object> options(RuleOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tieBreaking", o.tieBreaking().spec());
        m.put("minSupport", o.minSupport());
        m.put("noSkip", o.noSkip());
        m.put("mesCompletion", o.mesCompletion() == null ? null : o.mesCompletion().label());
        m.put("raisePastExhaustive", o.raisePastExhaustive());
        return m;
    }

    static RuleOptions optionsFromJson(Fields f) {
        String spec = f.string("tieBreaking");
        TieBreaking tb;
        try {
            tb = TieBreaking.parse(spec);
        } catch (IllegalArgumentException e) {
            throw f.error("tieBreaking", e.getMessage());
        }
        if (!tb.spec().equals(spec)) {
            throw f.error("tieBreaking", "not in canonical form: '" + tb.spec() + "'");
        }
        long min = f.nonNegative("minSupport");
        boolean noSkip = f.bool("noSkip");
        String completionLabel = f.optionalString("mesCompletion");
        MesCompletion completion = null;
        if (completionLabel != null) {
            try {
                completion = MesCompletion.parse(completionLabel);
            } catch (IllegalArgumentException e) {
                throw f.error("mesCompletion", e.getMessage());
            }
            if (!completion.label().equals(completionLabel)) {
                throw f.error("mesCompletion", "not in canonical form: '" + completion.label() + "'");
            }
        }
        boolean raise = f.bool("raisePastExhaustive");
        f.done();
        return RuleOptions.withTieBreaking(tb).withMinSupport(min).withNoSkip(noSkip).withMesCompletion(completion)
                .withRaisePastExhaustive(raise);
    }

    static BundleManifest fromJson(Object json) {
        Fields f = Fields.of(AuditBundle.MANIFEST, "$", json);
        long format = f.integer("bundleFormat");
        if (format != FORMAT) {
            throw f.error("bundleFormat", "this verifier reads bundle format " + FORMAT + ", not " + format);
        }
        Fields e = f.object("election");
        ElectionInfo info;
        try {
            info = new ElectionInfo(e.string("id"), e.string("name"), e.string("neighbourhood"), e.string("currency"),
                    e.optionalString("councilDecision"));
        } catch (IllegalArgumentException ex) {
            throw e.error("id", ex.getMessage());
        }
        e.done();
        long budget = f.nonNegative("budget");
        Map<String, Long> caps = new TreeMap<>();
        String previous = null;
        for (Fields c : f.objects("categories")) {
            String name = c.string("name");
            if (previous != null && previous.compareTo(name) >= 0) {
                throw c.error("name", "categories must be sorted by name and distinct");
            }
            previous = name;
            Long cap = c.optionalInteger("cap");
            if (cap != null) {
                if (cap < 0) {
                    throw c.error("cap", "must not be negative");
                }
                caps.put(name, cap);
            }
            c.done();
        }
        BallotRules rules = ballotRulesFromJson(f.object("ballotRules"));
        List<Project> projects = new ArrayList<>();
        for (Fields p : f.objects("proposals")) {
            String id = p.string("id");
            long cost = p.nonNegative("cost");
            boolean admitted = p.bool("admitted");
            String reason = p.string("reason");
            Project project;
            try {
                if (!reason.equals(reason.strip()) || admitted != reason.isEmpty()) {
                    throw new IllegalArgumentException("an admitted proposal has an empty reason, a refused one a"
                            + " non-empty reason without surrounding spaces");
                }
                project = new Project(id, p.string("name"), cost, p.strings("categories"), List.of(),
                        admitted ? Eligibility.ADMITTED : Eligibility.notAdmitted(reason), Map.of());
            } catch (IllegalArgumentException ex) {
                throw p.error("", ex.getMessage());
            }
            p.done();
            projects.add(project);
        }
        List<Set<String>> groups = new ArrayList<>();
        List<?> rawGroups = f.list("incompatibleGroups");
        for (int i = 0; i < rawGroups.size(); i++) {
            if (!(rawGroups.get(i) instanceof List<?> g)) {
                throw f.error("incompatibleGroups[" + i + "]", "expected an array of project ids");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (Object id : g) {
                if (!(id instanceof String s) || !ids.add(s)) {
                    throw f.error("incompatibleGroups[" + i + "]", "expected distinct project ids");
                }
            }
            groups.add(ids);
        }
        Map<String, String> meta = f.stringMap("meta");
        Instance instance;
        try {
            instance = new Instance(info.name(), budget, projects, caps, groups, rules, meta);
        } catch (IllegalArgumentException ex) {
            throw f.error("", ex.getMessage());
        }
        Fields r = f.object("rule");
        String ruleName = r.string("name");
        RuleName rule = RuleName.find(ruleName).filter(n -> n.label().equals(ruleName))
                .orElseThrow(() -> r.error("name", "unknown rule '" + ruleName + "'"));
        RuleOptions options = optionsFromJson(r.object("options"));
        r.done();
        String version = f.string("libraryVersion");
        String keyId = f.string("signingKeyId");
        Fields b = f.object("ballots");
        long minimum = b.nonNegative("minimumVoters");
        boolean withheld = b.bool("withheld");
        String reason = b.optionalString("reason");
        if (!java.util.Objects.equals(reason, withheldReason(withheld, minimum))) {
            throw b.error("reason", withheld ? "must be \"" + withheldReason(true, minimum) + "\"" : "must be null");
        }
        b.done();
        f.done();
        return new BundleManifest(format, info, instance, rule, options, version, keyId, minimum, withheld);
    }

    /** Why the ballots are left out, in words; fixed by the threshold, so that it cannot say anything else. */
    static String withheldReason(boolean withheld, long minimumVoters) {
        return withheld ? "fewer than " + minimumVoters + " voters: individual ballots are not published to protect"
                + " the secrecy of the vote in a small neighbourhood" : null;
    }

    private static BallotRules ballotRulesFromJson(Fields f) {
        String type = f.string("voteType");
        VoteType voteType = VoteType.fromPabulib(type).filter(t -> t.pabulibName().equals(type))
                .orElseThrow(() -> f.error("voteType", "unknown ballot format '" + type + "'"));
        Long minLength = f.optionalInteger("minLength");
        Long maxLength = f.optionalInteger("maxLength");
        try {
            BallotRules rules = new BallotRules(voteType, toInt(minLength), toInt(maxLength), f.optionalInteger("minSumCost"),
                    f.optionalInteger("maxSumCost"), f.optionalInteger("minPoints"), f.optionalInteger("maxPoints"),
                    f.optionalInteger("minSumPoints"), f.optionalInteger("maxSumPoints"));
            f.done();
            return rules;
        } catch (IllegalArgumentException | ArithmeticException ex) {
            throw f.error("", ex.getMessage());
        }
    }

    private static Integer toInt(Long v) {
        return v == null ? null : Math.toIntExact(v);
    }
}
