package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;

/**
 * The published form of an {@link Outcome}. The verifier writes its own recomputed outcome in this
 * form and compares bytes, so this mapping is the definition of "the same outcome"; a service that
 * stores an outcome to publish it later uses it too.
 */
public final class OutcomeJson {

    private OutcomeJson() {
    }

    /** The outcome as JSON values (maps, lists, strings, longs), ready for {@link CanonicalJson}. */
    public static Map<String, Object> toJson(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", o.rule());
        m.put("budget", o.budget());
        m.put("totalCost", o.totalCost());
        m.put("selected", o.selected());
        List<Object> projects = new ArrayList<>();
        for (ProjectResult r : o.projects()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", r.id());
            p.put("cost", r.project().cost());
            p.put("support", r.support());
            p.put("decision", r.decision().code());
            p.put("reason", r.decision().reason());
            p.put("details", r.details());
            projects.add(p);
        }
        m.put("projects", projects);
        m.put("ties", ties(o.ties()));
        m.put("tieBreaking", o.tieBreaking());
        m.put("details", o.details());
        return m;
    }

    /** The ties of an outcome as JSON values. */
    public static List<Object> ties(List<TieBreak> ties) {
        List<Object> out = new ArrayList<>();
        for (TieBreak t : ties) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("step", t.step());
            tm.put("tied", t.tied());
            tm.put("winner", t.winner());
            tm.put("policy", t.policy());
            out.add(tm);
        }
        return out;
    }

    /** Checks the shape of outcome.json; the content is judged by recomputing it. */
    static void checkSchema(Object json) {
        Fields f = Fields.of(AuditBundle.OUTCOME, "$", json);
        f.string("rule");
        f.nonNegative("budget");
        f.nonNegative("totalCost");
        f.strings("selected");
        for (Fields p : f.objects("projects")) {
            p.string("id");
            p.nonNegative("cost");
            p.integer("support");
            p.string("decision");
            p.string("reason");
            p.stringMap("details");
            p.done();
        }
        for (Fields t : f.objects("ties")) {
            t.string("step");
            t.strings("tied");
            t.string("winner");
            t.string("policy");
            t.done();
        }
        f.string("tieBreaking");
        f.stringMap("details");
        f.done();
    }
}
