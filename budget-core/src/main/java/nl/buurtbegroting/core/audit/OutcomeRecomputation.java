package nl.buurtbegroting.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Outcome;

/**
 * Check 11 and the builder's own check: the manifest's rule rerun on the published ballots, written as
 * outcome.json is (docs/spec/rules.md), and where a recorded outcome first differs from it.
 */
final class OutcomeRecomputation {

    private OutcomeRecomputation() {
    }

    /** The rule rerun on published data: the outcome file it gives, or why it could not run. */
    record Result(byte[] outcomeFile, String error, Outcome outcome) {
    }

    static Result recompute(BundleManifest manifest, List<CanonicalBallot> ballots) {
        try {
            VoteType type = manifest.instance().voteType();
            List<Ballot> list = new ArrayList<>(ballots.size());
            for (CanonicalBallot b : ballots) {
                list.add(b.toBallot(type));
            }
            Outcome o = manifest.rule().create(manifest.options())
                    .allocate(new Election(manifest.instance(), new Profile(list)));
            return new Result(CanonicalJson.writeFile(OutcomeJson.toJson(o)), null, o);
        } catch (RuntimeException e) {
            return new Result(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null);
        }
    }

    /** Where two outcome files first differ, as {@code $.projects[4].decision: recomputed X, recorded Y}. */
    static String describeDifference(byte[] recomputed, byte[] recorded) {
        Object a;
        Object b;
        try {
            a = CanonicalJson.readFile("recomputed", recomputed);
            b = CanonicalJson.readFile(AuditBundle.OUTCOME, recorded);
        } catch (BundleFormatException e) {
            return e.getMessage();
        }
        String d = firstDifference(a, b, "$");
        return d == null ? "the bytes differ" : d;
    }

    private static String firstDifference(Object a, Object b, String path) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add((String) k));
            mb.keySet().forEach(k -> keys.add((String) k));
            for (String k : keys) {
                String d = firstDifference(ma.get(k), mb.get(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                String d = firstDifference(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a == null ? b == null : a.equals(b)) {
            return null;
        }
        return path + ": recomputed " + show(a) + ", recorded " + show(b);
    }

    private static String show(Object v) {
        String s = v == null ? "(absent)" : new String(CanonicalJson.write(v), StandardCharsets.UTF_8);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
