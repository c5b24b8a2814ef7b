package nl.buurtbegroting.service.tally;

import nl.buurtbegroting.core.audit.OutcomeJson;

import nl.buurtbegroting.core.audit.BallotCounts;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.explain.Explainer;
import nl.buurtbegroting.core.explain.Explanation;
import nl.buurtbegroting.core.explain.Language;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;

import nl.buurtbegroting.service.problem.TextCheck;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tally as staff review it and, once published, as everyone reads it: the outcome with every
 * project's decision, support and plain-language explanation in Dutch and English, the ties and how they
 * were broken, and the turnout per channel and per code batch. Written as canonical JSON (sorted members,
 * no floats), so the stored text is stable byte for byte.
 */
final class TallyView {

    private TallyView() {
    }

    static String json(Count count, Instant talliedAt) {
        return new String(CanonicalJson.write(toMap(count, talliedAt)), StandardCharsets.UTF_8);
    }

    static Map<String, Object> toMap(Count count, Instant talliedAt) {
        Outcome o = count.outcome();
        Explainer explainer = Explainer.forInstance(count.instance());
        Map<Language, List<Explanation>> both = explainer.explainAll(o, List.of(Language.NL, Language.EN));
        List<Explanation> nl = both.get(Language.NL);
        List<Explanation> en = both.get(Language.EN);
        List<Object> projects = new ArrayList<>();
        for (int i = 0; i < o.projects().size(); i++) {
            ProjectResult r = o.projects().get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", r.id());
            p.put("title", r.project().name());
            p.put("categories", r.project().categories());
            p.put("cost", r.project().cost());
            p.put("support", r.support());
            p.put("funded", r.selected());
            p.put("decision", r.decision().code());
            p.put("reason", r.decision().reason());
            p.put("details", r.details());
            Map<String, Object> explanation = new LinkedHashMap<>();
            explanation.put("nl", explanation(nl.get(i)));
            explanation.put("en", explanation(en.get(i)));
            p.put("explanation", explanation);
            projects.add(p);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("electionId", count.election().id());
        m.put("name", TextCheck.publishable(count.election().name()));
        m.put("neighbourhood", TextCheck.publishable(count.election().neighbourhood()));
        m.put("currency", count.election().currency());
        m.put("rule", o.rule());
        m.put("tieBreaking", o.tieBreaking());
        m.put("budget", o.budget());
        m.put("totalCost", o.totalCost());
        m.put("remaining", o.remaining());
        m.put("selected", o.selected());
        m.put("projects", projects);
        m.put("ties", OutcomeJson.ties(o.ties()));
        m.put("details", o.details());
        m.put("turnout", turnout(count.counts()));
        m.put("talliedAt", talliedAt.toString());
        return m;
    }

    private static Map<String, Object> explanation(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headline", e.headline());
        m.put("body", e.body());
        m.put("rule", e.rule());
        return m;
    }

    private static Map<String, Object> turnout(BallotCounts counts) {
        long issued = counts.issuedCodes();
        List<Map<String, Object>> batches = counts.batchesJson();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ballots", counts.ballots());
        m.put("byChannel", counts.ballotsByChannel());
        m.put("codesIssued", issued);
        m.put("codesUsed", counts.usedCodes());
        m.put("codeBatches", batches);
        return m;
    }
}
