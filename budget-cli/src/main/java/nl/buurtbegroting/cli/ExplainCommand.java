package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.outcome.TieBreak;
import nl.buurtbegroting.core.rules.RuleName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code explain FILE --rule RULE --project ID}: why one project was or was not funded. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Explains why one project of a Pabulib election was or was not funded under a rule.")
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputFile input;

    @Option(names = {"-r", "--rule"}, required = true, paramLabel = "RULE", converter = RuleNames.Converter.class,
            completionCandidates = RuleNames.class, description = "Allocation rule: ${COMPLETION-CANDIDATES}.")
    RuleName rule;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project's id, as in the file.")
    String projectId;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "nl", converter = Language.Converter.class,
            completionCandidates = Language.Candidates.class,
            description = "Language of the explanation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Language lang = Language.NL;

    @Mixin
    RuleOptionsMixin ruleOptions;

    @Override
    public Integer call() {
        Election election = ruleOptions.apply(input.read());
        if (election.instance().project(projectId).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "project '" + projectId + "' is not in " + input.path()
                    + "; its projects are: " + ids(election.instance().projects()));
        }
        Outcome outcome = OutcomeView.allocate(rule, ruleOptions.toOptions(), election, input.path());
        ProjectResult result = outcome.result(projectId).orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        Project p = result.project();
        out.println("project " + p.id() + (p.name().isBlank() ? "" : ": " + TextTable.truncate(p.name(), 72)));
        out.println("rule " + outcome.rule() + ", tie-breaking " + outcome.tieBreaking());
        out.println();
        TextTable facts = new TextTable("ll", "", "");
        facts.row("cost", p.cost());
        facts.row("support", result.support());
        facts.row("funded", result.selected() ? "yes" : "no");
        facts.row("decision", result.decision().code());
        facts.row("reason", result.decision().reason());
        facts.print(out);
        if (!result.details().isEmpty()) {
            out.println();
            out.println("details:");
            for (Map.Entry<String, String> e : new TreeMap<>(result.details()).entrySet()) {
                out.println("  " + e.getKey() + " = " + e.getValue());
            }
        }
        List<TieBreak> ties = outcome.ties().stream().filter(t -> t.tied().contains(projectId)).toList();
        if (!ties.isEmpty()) {
            out.println();
            out.println("ties involving this project:");
            for (TieBreak t : ties) {
                out.println("  " + t.step() + ": " + String.join(", ", t.tied()) + " tied; " + t.winner()
                        + " went first (" + t.policy() + ")");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String ids(List<Project> projects) {
        int max = 30;
        List<String> ids = projects.stream().limit(max).map(Project::id).toList();
        return String.join(", ", ids) + (projects.size() > max ? ", ..." : "");
    }
}
