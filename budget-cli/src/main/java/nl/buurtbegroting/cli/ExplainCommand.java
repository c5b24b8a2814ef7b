package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import nl.buurtbegroting.core.explain.Explainer;
import nl.buurtbegroting.core.explain.Explanation;
import nl.buurtbegroting.core.explain.Language;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code explain FILE --rule RULE --project ID}: why one project was or was not funded, in plain
 * language (Dutch or English, B1 level, written by the core's {@link Explainer}), followed by the
 * decision's code, its short technical reason and the rule's exact figures for that project.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Explains in plain language why one project of a Pabulib election was or was not funded under a rule.")
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputFile input;

    @Mixin
    RuleOption rule;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project's id, as in the file.")
    String projectId;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "nl", converter = LanguageConverter.class,
            completionCandidates = LanguageConverter.Candidates.class,
            description = "Language of the explanation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Language lang = Language.NL;

    @Mixin
    RuleOptionsMixin ruleOptions;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        Election election = ruleOptions.apply(input.read());
        if (election.instance().project(projectId).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "project '" + projectId + "' is not in " + input.path()
                    + "; its projects are: " + ids(election.instance().projects()));
        }
        Outcome outcome = OutcomeView.allocate(rule.rule, ruleOptions.toOptions(), election, input.path());
        ProjectResult result = outcome.result(projectId).orElseThrow();
        Explanation explanation = Explainer.forInstance(election.instance()).explain(outcome, projectId, lang);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(JsonWriter.readable(toJson(outcome, result, explanation)));
        } else {
            printText(out, outcome, result, explanation);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printText(PrintWriter out, Outcome outcome, ProjectResult result, Explanation explanation) {
        Project p = result.project();
        out.println("project " + p.id() + (p.name().isBlank() ? "" : ": " + TextTable.truncate(p.name(), 72)));
        out.println("rule " + outcome.rule() + ", tie-breaking " + outcome.tieBreaking());
        out.println();
        out.println(explanation.headline());
        out.println(explanation.body());
        out.println(explanation.rule());
        out.println();
        TextTable facts = new TextTable("ll", "", "");
        facts.row("decision", result.decision().code());
        facts.row("reason", result.decision().reason());
        facts.row("cost", p.cost());
        facts.row("support", result.support());
        facts.row("funded", result.selected() ? "yes" : "no");
        if (!result.details().isEmpty()) {
            facts.row("details", "(exact figures of the rule)");
        }
        facts.print(out);
        for (Map.Entry<String, String> e : new TreeMap<>(result.details()).entrySet()) {
            out.println("  " + e.getKey() + " = " + e.getValue());
        }
    }

    private static Map<String, Object> toJson(Outcome outcome, ProjectResult result, Explanation explanation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", outcome.rule());
        json.put("tieBreaking", outcome.tieBreaking());
        json.putAll(OutcomeView.projectJson(result));
        json.put("language", explanation.language().code());
        json.put("headline", explanation.headline());
        json.put("body", explanation.body());
        json.put("ruleText", explanation.rule());
        json.put("details", new TreeMap<>(result.details()));
        return json;
    }

    private static String ids(List<Project> projects) {
        int max = 30;
        List<String> ids = projects.stream().limit(max).map(Project::id).toList();
        return String.join(", ", ids) + (projects.size() > max ? ", ..." : "");
    }
}
