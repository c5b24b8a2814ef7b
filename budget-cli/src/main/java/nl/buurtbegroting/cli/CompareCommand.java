package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.rules.UnsupportedElectionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare FILE [--rules A,B,...]}: several rules side by side, as a matrix of projects and rules
 * with the number of funded projects and the money spent per rule.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs several rules on one Pabulib election and shows which projects each rule funds.",
                "Without --rules every rule is run; a rule that cannot count the election is then left out with a note."})
public final class CompareCommand implements Callable<Integer> {

    static final String FUNDED_MARK = "x";
    static final String NOT_FUNDED_MARK = ".";

    @Spec
    CommandSpec spec;

    @Mixin
    InputFile input;

    @Option(names = "--rules", paramLabel = "RULE", split = ",", converter = RuleNames.Converter.class,
            completionCandidates = RuleNames.class,
            description = "Comma-separated rules to compare (default: all of ${COMPLETION-CANDIDATES}).")
    List<RuleName> rules;

    @Mixin
    RuleOptionsMixin ruleOptions;

    @Mixin
    FormatOption format;

    /** A rule that was asked for but could not count the election, and why. */
    record Skipped(String rule, String reason) {
    }

    @Override
    public Integer call() {
        Election election = ruleOptions.apply(input.read());
        RuleOptions options = ruleOptions.toOptions();
        boolean explicit = rules != null && !rules.isEmpty();
        List<RuleName> chosen = explicit ? rules.stream().distinct().toList() : Arrays.asList(RuleName.values());
        List<Outcome> outcomes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (RuleName rule : chosen) {
            if (explicit) {
                outcomes.add(OutcomeView.allocate(rule, options, election, input.path()));
                continue;
            }
            try {
                outcomes.add(rule.create(options).allocate(election));
            } catch (UnsupportedElectionException e) {
                skipped.add(new Skipped(rule.label(), e.getMessage()));
            }
        }
        if (outcomes.isEmpty()) {
            throw CliException.cannotCount(input.path() + ": none of the rules can count this election; "
                    + skipped.get(0).reason());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(JsonWriter.readable(toJson(election, outcomes, skipped, options)));
        } else {
            printText(out, election, outcomes, skipped, options);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printText(PrintWriter out, Election election, List<Outcome> outcomes, List<Skipped> skipped,
                           RuleOptions options) {
        OutcomeView.printHeading(out, election, input.path());
        out.println("budget " + election.instance().budget() + ", " + election.profile().size()
                + " voters, tie-breaking " + options.tieBreaking().spec());
        OutcomeView.printCaps(out, election);
        out.println();
        String[] headers = new String[4 + outcomes.size()];
        headers[0] = "ID";
        headers[1] = "NAME";
        headers[2] = "COST";
        headers[3] = "SUPPORT";
        for (int i = 0; i < outcomes.size(); i++) {
            headers[4 + i] = outcomes.get(i).rule();
        }
        TextTable table = new TextTable("llrr" + "r".repeat(outcomes.size()), headers);
        List<Project> projects = election.instance().projects();
        for (int p = 0; p < projects.size(); p++) {
            Object[] row = new Object[headers.length];
            ProjectResult first = outcomes.get(0).projects().get(p);
            row[0] = first.id();
            row[1] = TextTable.truncate(first.project().name(), OutcomeView.NAME_WIDTH);
            row[2] = first.project().cost();
            row[3] = first.support();
            for (int i = 0; i < outcomes.size(); i++) {
                row[4 + i] = outcomes.get(i).projects().get(p).selected() ? FUNDED_MARK : NOT_FUNDED_MARK;
            }
            table.row(row);
        }
        table.row(totalsRow(headers.length, "funded projects", outcomes, o -> (long) o.selected().size()));
        table.row(totalsRow(headers.length, "total cost", outcomes, Outcome::totalCost));
        table.row(totalsRow(headers.length, "left", outcomes, Outcome::remaining));
        table.print(out);
        if (!skipped.isEmpty()) {
            out.println();
            for (Skipped s : skipped) {
                out.println("not compared: " + s.rule() + " (" + s.reason() + ")");
            }
        }
    }

    private static Object[] totalsRow(int width, String label, List<Outcome> outcomes,
                                      ToLongFunction<Outcome> value) {
        Object[] row = new Object[width];
        row[1] = label;
        for (int i = 0; i < outcomes.size(); i++) {
            row[4 + i] = value.applyAsLong(outcomes.get(i));
        }
        return row;
    }

    private static Map<String, Object> toJson(Election election, List<Outcome> outcomes, List<Skipped> skipped,
                                              RuleOptions options) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("budget", election.instance().budget());
        json.put("voters", (long) election.profile().size());
        json.put("tieBreaking", options.tieBreaking().spec());
        json.put("categoryCaps", election.instance().categoryCaps());
        json.put("rules", outcomes.stream().map(Outcome::rule).toList());
        List<Object> perRule = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rule", o.rule());
            r.put("totalCost", o.totalCost());
            r.put("remaining", o.remaining());
            r.put("selected", o.selected());
            r.put("ties", (long) o.ties().size());
            perRule.add(r);
        }
        json.put("outcomes", perRule);
        List<Object> projects = new ArrayList<>();
        List<Project> list = election.instance().projects();
        for (int p = 0; p < list.size(); p++) {
            ProjectResult first = outcomes.get(0).projects().get(p);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", first.id());
            row.put("name", first.project().name());
            row.put("cost", first.project().cost());
            row.put("support", first.support());
            Map<String, Object> funded = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                funded.put(o.rule(), o.projects().get(p).selected());
            }
            row.put("funded", funded);
            projects.add(row);
        }
        json.put("projects", projects);
        List<Object> notCompared = new ArrayList<>();
        for (Skipped s : skipped) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", s.rule());
            m.put("reason", s.reason());
            notCompared.add(m);
        }
        json.put("skipped", notCompared);
        return json;
    }
}
