package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code allocate FILE --rule RULE}: the funded projects of one election under one rule. */
@Command(name = "allocate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Computes which projects of a Pabulib election a rule funds, and why each other project is not funded.")
public final class AllocateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputFile input;

    @Mixin
    RuleOption rule;

    @Mixin
    RuleOptionsMixin ruleOptions;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        Timing.mark("parsed");
        Election election = ruleOptions.apply(input.read());
        Timing.mark("read");
        Outcome outcome = OutcomeView.allocate(rule.rule, ruleOptions.toOptions(), election, input.path());
        Timing.mark("rule");
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(JsonWriter.readable(OutcomeView.toJson(outcome, election)));
        } else {
            OutcomeView.printText(out, outcome, election, input.path());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
