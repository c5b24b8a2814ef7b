package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.validation.BallotValidator;
import nl.buurtbegroting.core.validation.BallotViolation;
import nl.buurtbegroting.core.validation.ViolationCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE}: reads a Pabulib file and checks every ballot against the file's own ballot
 * rules (vote type, {@code min_length}, {@code max_length}, {@code max_sum_cost}, points limits...).
 * Exit 0 when every ballot is valid, {@link ExitCodes#INVALID_BALLOTS} when some are not,
 * {@link ExitCodes#INVALID_INPUT} when the file itself cannot be read.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads a Pabulib file, reports what it holds and checks every ballot against the file's own"
                + " ballot rules (min_length, max_length, max_sum_cost, points limits...).",
                "Violations are grouped by code, with the first voter ids of each."})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputFile input;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "5",
            description = "How many voter ids to show per violation code (default: ${DEFAULT-VALUE}).")
    int examples = 5;

    @Mixin
    FormatOption format;

    /** The ballots that broke one rule: how many, the first voter ids, and the first message as an example. */
    static final class Group {
        int ballots;
        final List<String> voters = new ArrayList<>();
        String example;
    }

    @Override
    public Integer call() {
        Election election = input.read();
        Instance instance = election.instance();
        BallotValidator validator = new BallotValidator(instance);
        Map<ViolationCode, Group> groups = new EnumMap<>(ViolationCode.class);
        int invalid = 0;
        int shown = Math.max(0, examples);
        for (Ballot ballot : election.profile().ballots()) {
            List<BallotViolation> violations = validator.check(ballot);
            if (violations.isEmpty()) {
                continue;
            }
            invalid++;
            Set<ViolationCode> codes = new LinkedHashSet<>();
            for (BallotViolation v : violations) {
                Group g = groups.computeIfAbsent(v.code(), c -> new Group());
                if (g.example == null) {
                    g.example = v.message();
                }
                if (codes.add(v.code())) {
                    g.ballots++;
                    if (g.voters.size() < shown) {
                        g.voters.add(ballot.voterId());
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(JsonWriter.readable(toJson(election, groups, invalid)));
        } else {
            printText(out, election, groups, invalid);
        }
        out.flush();
        return invalid == 0 ? ExitCodes.OK : ExitCodes.INVALID_BALLOTS;
    }

    private void printText(PrintWriter out, Election election, Map<ViolationCode, Group> groups, int invalid) {
        Instance instance = election.instance();
        OutcomeView.printHeading(out, election, input.path());
        TextTable facts = new TextTable("ll", "", "");
        facts.row("projects", instance.projects().size());
        facts.row("voters", election.profile().size());
        facts.row("vote type", instance.voteType().pabulibName());
        facts.row("budget", instance.budget());
        String limits = limits(instance.ballotRules()).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none");
        facts.row("ballot rules", limits);
        facts.print(out);
        out.println();
        int total = election.profile().size();
        if (invalid == 0) {
            out.println("all " + total + " ballots are valid");
            return;
        }
        out.println(invalid + " of " + total + " ballots break the ballot rules:");
        TextTable table = new TextTable("lrll", "CODE", "BALLOTS", "EXAMPLE", "VOTERS");
        for (Map.Entry<ViolationCode, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            String voters = String.join(", ", g.voters) + (g.ballots > g.voters.size() ? ", ..." : "");
            table.row(e.getKey(), g.ballots, g.example, voters);
        }
        table.print(out);
    }

    private static Map<String, Object> toJson(Election election, Map<ViolationCode, Group> groups, int invalid) {
        Instance instance = election.instance();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("projects", (long) instance.projects().size());
        json.put("voters", (long) election.profile().size());
        json.put("voteType", instance.voteType().pabulibName());
        json.put("budget", instance.budget());
        json.put("ballotRules", limits(instance.ballotRules()));
        json.put("valid", invalid == 0);
        json.put("invalidBallots", (long) invalid);
        List<Object> list = new ArrayList<>();
        for (Map.Entry<ViolationCode, Group> e : groups.entrySet()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("code", e.getKey().name());
            g.put("ballots", (long) e.getValue().ballots);
            g.put("example", e.getValue().example);
            g.put("voters", e.getValue().voters);
            list.add(g);
        }
        json.put("violations", list);
        return json;
    }

    /** The limits the file sets, by their Pabulib META names. */
    static Map<String, Object> limits(BallotRules rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "min_length", rules.minLength());
        putIfSet(m, "max_length", rules.maxLength());
        putIfSet(m, "min_sum_cost", rules.minSumCost());
        putIfSet(m, "max_sum_cost", rules.maxSumCost());
        putIfSet(m, "min_points", rules.minPoints());
        putIfSet(m, "max_points", rules.maxPoints());
        putIfSet(m, "min_sum_points", rules.minSumPoints());
        putIfSet(m, "max_sum_points", rules.maxSumPoints());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Number value) {
        if (value != null) {
            m.put(key, value.longValue());
        }
    }
}
