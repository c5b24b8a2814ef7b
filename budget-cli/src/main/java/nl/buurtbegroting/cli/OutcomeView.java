package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.buurtbegroting.core.audit.OutcomeJson;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.rules.UnsupportedElectionException;

/** Runs a rule for a command and renders its outcome as the JSON contract or as a table. */
final class OutcomeView {

    /** Longest project name shown in a table before it is cut. */
    static final int NAME_WIDTH = 32;

    private OutcomeView() {
    }

    /** The rule's outcome; a rule that cannot count the election ends the command with exit code 4. */
    static Outcome allocate(RuleName rule, RuleOptions options, Election election, Path file) {
        try {
            return rule.create(options).allocate(election);
        } catch (UnsupportedElectionException e) {
            throw CliException.cannotCount(file + ": " + e.getMessage());
        }
    }

    /**
     * The stable JSON contract of {@code allocate}: {@code rule, budget, totalCost, selected, projects,
     * ties, tieBreaking}, then the extra keys {@code remaining, voters, categoryCaps, details}.
     */
    static Map<String, Object> toJson(Outcome outcome, Election election) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", outcome.rule());
        json.put("budget", outcome.budget());
        json.put("totalCost", outcome.totalCost());
        json.put("selected", outcome.selected());
        List<Object> projects = new ArrayList<>();
        for (ProjectResult r : outcome.projects()) {
            Map<String, Object> p = projectJson(r);
            p.put("details", new TreeMap<>(r.details()));
            projects.add(p);
        }
        json.put("projects", projects);
        json.put("ties", OutcomeJson.ties(outcome.ties()));
        json.put("tieBreaking", outcome.tieBreaking());
        json.put("remaining", outcome.remaining());
        json.put("voters", (long) election.profile().size());
        json.put("categoryCaps", election.instance().categoryCaps());
        json.put("details", outcome.details());
        return json;
    }

    /**
     * One project's line as the CLI's JSON names it ({@code name} and {@code selected}, Pabulib's words; see
     * docs/json-shapes.md): {@code id, name, cost, support, selected, decision, reason}; callers add the rest.
     */
    static Map<String, Object> projectJson(ProjectResult r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", r.id());
        p.put("name", r.project().name());
        p.put("cost", r.project().cost());
        p.put("support", r.support());
        p.put("selected", r.selected());
        p.put("decision", r.decision().code());
        p.put("reason", r.decision().reason());
        return p;
    }

    /** A table of every project, then budget, spent, left, voters and the ties. */
    static void printText(PrintWriter out, Outcome outcome, Election election, Path file) {
        printHeading(out, election, file);
        out.println("rule " + outcome.rule() + ", tie-breaking " + outcome.tieBreaking());
        printCaps(out, election);
        out.println();
        TextTable table = new TextTable("llrrll", "ID", "NAME", "COST", "SUPPORT", "FUNDED", "DECISION");
        for (ProjectResult r : outcome.projects()) {
            table.row(r.id(), TextTable.truncate(r.project().name(), NAME_WIDTH), r.project().cost(), r.support(),
                    r.selected() ? "yes" : "no", r.decision().code() + ": " + r.decision().reason());
        }
        table.print(out);
        out.println();
        TextTable summary = new TextTable("lr", "", "");
        summary.row("budget", outcome.budget());
        summary.row("spent", outcome.totalCost());
        summary.row("left", outcome.remaining());
        summary.row("funded", outcome.selected().size());
        summary.row("voters", election.profile().size());
        summary.row("ties", outcome.ties().size());
        summary.print(out);
        for (TieBreak t : outcome.ties()) {
            out.println("  " + t.step() + ": " + String.join(", ", t.tied()) + " tied; " + t.winner()
                    + " went first (" + t.policy() + ")");
        }
        out.flush();
    }

    /** The election's name and file, as the first line of every text report. */
    static void printHeading(PrintWriter out, Election election, Path file) {
        String name = election.instance().name().strip();
        out.println(name.isEmpty() ? file.toString() : TextTable.truncate(name, 72) + " (" + file.getFileName() + ")");
    }

    /** One line naming the category caps that applied, when the election has any. */
    static void printCaps(PrintWriter out, Election election) {
        Map<String, Long> caps = election.instance().categoryCaps();
        if (!caps.isEmpty()) {
            List<String> parts = new ArrayList<>();
            caps.forEach((category, cap) -> parts.add(category + " " + cap));
            out.println("category caps: " + String.join(", ", parts));
        }
    }
}
