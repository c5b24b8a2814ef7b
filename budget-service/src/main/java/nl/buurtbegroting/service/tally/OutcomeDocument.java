package nl.buurtbegroting.service.tally;

import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outcome as JSON values, in the layout of the audit bundle's {@code outcome.json}
 * (docs/verification.md §2.7), so the canonical bytes stored at tally time equal the published file.
 */
final class OutcomeDocument {

    private OutcomeDocument() {
    }

    static Map<String, Object> toJson(Outcome o) {
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

    static List<Object> ties(List<TieBreak> ties) {
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
}
