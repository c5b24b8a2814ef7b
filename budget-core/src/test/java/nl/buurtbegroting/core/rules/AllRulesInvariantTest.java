package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import nl.buurtbegroting.core.audit.RandomElections;
import nl.buurtbegroting.core.explain.Explainer;
import nl.buurtbegroting.core.explain.Explanation;
import nl.buurtbegroting.core.explain.Language;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.testdata.GeneratedElection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * What every rule promises on every election, checked over {@link RuleName#values()}, every bundled Pabulib
 * election (with its category caps and incompatible groups as the file states them), small seeded elections
 * built to hit the corners (caps, incompatible groups, proposals not admitted, thresholds, no-skip, every tie
 * policy and MES completion) and separate district budgets:
 * <ul>
 *   <li>the funded projects fit the budget, every category cap and every district's budget, and at most one
 *       project of an incompatible group is funded; a project not admitted is never funded;</li>
 *   <li>exactly one decision per project, in the instance's order, and the funded set, the spent total and
 *       the decisions agree;</li>
 *   <li>the same input gives the same outcome twice, and the ballots in another order give the same outcome
 *       (no rule depends on the order ballots arrive in: they are counted as a multiset);</li>
 *   <li>every decision has an explanation in Dutch and in English whose parts are non-empty and contain no
 *       unresolved placeholder;</li>
 *   <li>a rule that does not count the election's ballot format ({@link RuleName#counts}) refuses it with
 *       {@link UnsupportedElectionException}, and every rule that does count it gives an outcome.</li>
 * </ul>
 * The default run keeps to about half a minute on a busy two-core machine: {@code mes-add1} (which may run
 * hundreds of Equal Shares rounds) only on files with at most {@value #ADD1_MAX_BALLOTS} ballots, the
 * reordered-ballots check on files with at most {@value #SHUFFLE_MAX_BALLOTS}, and 300 seeded elections. The
 * full run lifts all three limits and draws 5,000 seeded elections:
 * <pre>mvn -B -pl budget-core test -Dtest=AllRulesInvariantTest -Dbb.invariants.full=true</pre>
 */
class AllRulesInvariantTest {

    private static final boolean FULL = Boolean.getBoolean("bb.invariants.full");
    private static final int ADD1_MAX_BALLOTS = 3_000;
    private static final int SHUFFLE_MAX_BALLOTS = 2_000;
    private static final int SEEDS = FULL ? 5_000 : 300;

    /** Text left unfilled by a template: braces, format specifiers, or a Java null/NaN printed into a sentence. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}|%[-0-9.]*[sdfx]|\\$\\{|\\bnull\\b|\\bNaN\\b|Infinity");

    private static final Map<Path, Election> READ = new ConcurrentHashMap<>();

    static Stream<Arguments> bundled() throws IOException, URISyntaxException {
        Path dir = Path.of(AllRulesInvariantTest.class.getResource("/pabulib/instances").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".pb")).sorted().toList();
        }
        return files.stream().flatMap(f -> Stream.of(RuleName.values()).map(r -> Arguments.of(f.getFileName().toString(), r, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundled")
    void everyRuleKeepsItsPromisesOnEveryBundledElection(String name, RuleName rule, Path file) throws IOException {
        Election election = READ.computeIfAbsent(file, f -> {
            try {
                return PabulibReader.read(f);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int ballots = election.profile().size();
        if (rule == RuleName.MES_ADD1 && ballots > ADD1_MAX_BALLOTS && !FULL) {
            return;
        }
        checkAll(name, rule, RuleOptions.defaults(), election, ballots <= SHUFFLE_MAX_BALLOTS || FULL);
    }

    @Test
    void everyRuleKeepsItsPromisesOnSeededCornerElections() {
        LongStream.rangeClosed(1, SEEDS).forEach(seed -> {
            RandomElections.Drawn d = RandomElections.draw(seed);
            for (RuleName rule : RuleName.values()) {
                checkAll(d.toString(), rule, d.options(), d.election(), true);
            }
        });
    }

    @Test
    void everyRuleKeepsEveryDistrictWithinItsOwnBudget() {
        for (long seed = 1; seed <= (FULL ? 20 : 3); seed++) {
            Election plain = GeneratedElection.approval(600, 24, seed);
            List<Project> projects = new ArrayList<>();
            for (Project p : plain.instance().projects()) {
                projects.add(new Project(p.id(), p.name(), p.cost(), p.categories(), p.targets(), p.eligibility(),
                        Map.of("district", "d" + (projects.size() % 3))));
            }
            Election election = new Election(plain.instance().withProjects(projects), plain.profile());
            Map<String, Long> budgets = new LinkedHashMap<>();
            budgets.put("d0", 900_000L);
            budgets.put("d1", 400_000L);
            budgets.put("d2", 0L);
            DistrictBudgets districts = new DistrictBudgets(budgets, "district", "district");
            for (RuleName rule : RuleName.values()) {
                String where = "generated " + seed + " in districts, " + rule;
                Outcome outcome = districts.allocate(rule.create(), election);
                assertEquals(outcome, districts.allocate(rule.create(), election), where + ": not deterministic");
                Instance joined = election.instance().withBudget(budgets.values().stream().mapToLong(Long::longValue).sum());
                checkOutcome(where, new Election(joined, election.profile()), outcome, rule);
                for (Map.Entry<String, Long> d : budgets.entrySet()) {
                    long spent = outcome.projects().stream().filter(ProjectResult::selected)
                            .filter(r -> r.project().attributes().get("district").equals(d.getKey()))
                            .mapToLong(r -> r.project().cost()).sum();
                    assertTrue(spent <= d.getValue(), where + ": district " + d.getKey() + " spent " + spent + " of " + d.getValue());
                    assertEquals(Long.toString(spent), outcome.details().get("district." + d.getKey() + ".spent"), where);
                }
            }
        }
    }

    @Test
    void theChecksThemselvesRefuseAnOutcomeOverACapOrFundingAProjectNotAdmitted() {
        Instance instance = Instance.of(100, List.of(Project.of("a", "Speeltuin", 60, "green"), Project.of("b", 30)))
                .withCategoryCaps(Map.of("green", 50L));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"))));
        Outcome overCap = new Outcome("greedy", 100, 90, List.of("a", "b"), List.of(
                new ProjectResult(instance.projects().get(0), 1, new Decision.Funded(1, "")),
                new ProjectResult(instance.projects().get(1), 1, new Decision.Funded(2, ""))), List.of(), "default", Map.of());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checkOutcome("forged", election, overCap, RuleName.GREEDY));
        assertTrue(e.getMessage().contains("category green spent 60 of its cap 50"), e.getMessage());

        Project notAdmitted = new Project("b", "", 30, List.of(), List.of(), Eligibility.notAdmitted("not on municipal land"), Map.of());
        Election second = new Election(instance.withCategoryCaps(Map.of()).withProjects(List.of(instance.projects().get(0), notAdmitted)),
                election.profile());
        Outcome fundsIt = new Outcome("greedy", 100, 90, List.of("a", "b"), List.of(
                new ProjectResult(instance.projects().get(0), 1, new Decision.Funded(1, "")),
                new ProjectResult(notAdmitted, 1, new Decision.Funded(2, ""))), List.of(), "default", Map.of());
        e = assertThrows(AssertionFailedError.class, () -> checkOutcome("forged", second, fundsIt, RuleName.GREEDY));
        assertTrue(e.getMessage().contains("b was not admitted"), e.getMessage());
    }

    private static void checkAll(String name, RuleName rule, RuleOptions options, Election election, boolean shuffle) {
        String where = name + ", " + rule;
        AllocationRule allocation = rule.create(options);
        if (!rule.counts(election.instance().voteType())) {
            assertThrows(UnsupportedElectionException.class, () -> allocation.allocate(election), where);
            return;
        }
        Outcome outcome = allocation.allocate(election);
        checkOutcome(where, election, outcome, rule);
        assertEquals(outcome, rule.create(options).allocate(election), where + ": a second run differs");
        if (shuffle) {
            List<Ballot> reordered = new ArrayList<>(election.profile().ballots());
            Collections.shuffle(reordered, new Random(reordered.size() * 31L + name.hashCode()));
            Election other = new Election(election.instance(), new Profile(reordered));
            assertEquals(outcome, allocation.allocate(other), where + ": the ballots in another order give another outcome");
        }
    }

    /** Budget, caps, incompatible groups, eligibility, one decision per project, and both explanations. */
    static void checkOutcome(String where, Election election, Outcome outcome, RuleName rule) {
        Instance instance = election.instance();
        assertEquals(rule.label(), outcome.rule(), where);
        assertEquals(instance.budget(), outcome.budget(), where);
        assertTrue(outcome.totalCost() <= instance.budget(), where + ": spent " + outcome.totalCost() + " of " + instance.budget());

        List<String> ids = instance.projects().stream().map(Project::id).toList();
        assertEquals(ids, outcome.projects().stream().map(ProjectResult::id).toList(), where + ": one decision per project, in order");
        List<String> funded = outcome.projects().stream().filter(ProjectResult::selected).map(ProjectResult::id).toList();
        assertEquals(funded.size(), outcome.selected().stream().distinct().count(), where + ": funded set and decisions");
        assertTrue(funded.containsAll(outcome.selected()), where + ": funded set and decisions");
        long sum = outcome.projects().stream().filter(ProjectResult::selected).mapToLong(r -> r.project().cost()).sum();
        assertEquals(sum, outcome.totalCost(), where + ": total cost");

        for (Map.Entry<String, Long> cap : instance.categoryCaps().entrySet()) {
            long inCategory = outcome.projects().stream().filter(ProjectResult::selected)
                    .filter(r -> r.project().categories().contains(cap.getKey())).mapToLong(r -> r.project().cost()).sum();
            assertTrue(inCategory <= cap.getValue(), where + ": category " + cap.getKey() + " spent " + inCategory + " of its cap " + cap.getValue());
        }
        for (var group : instance.incompatibleGroups()) {
            assertTrue(group.stream().filter(funded::contains).count() <= 1, where + ": two funded from incompatible group " + group);
        }
        for (ProjectResult r : outcome.projects()) {
            if (!r.project().admitted()) {
                assertEquals("NOT_ELIGIBLE", r.decision().code(), where + ": " + r.id() + " was not admitted");
            }
        }
        explained(where, election, outcome);
    }

    private static void explained(String where, Election election, Outcome outcome) {
        Explainer explainer = Explainer.forInstance(election.instance());
        for (Language language : Language.values()) {
            List<Explanation> all = explainer.explainAll(outcome, language);
            assertEquals(outcome.projects().size(), all.size(), where + " " + language);
            for (int i = 0; i < all.size(); i++) {
                Explanation x = all.get(i);
                ProjectResult r = outcome.projects().get(i);
                String at = where + " " + r.id() + " " + language;
                assertEquals(r.id(), x.projectId(), at);
                assertEquals(r.decision().code(), x.decisionCode(), at);
                assertEquals(r.selected(), x.funded(), at);
                for (String part : List.of(x.headline(), x.body(), x.rule())) {
                    assertFalse(part.isBlank(), at + ": an empty part in " + x.text());
                    String withoutNames = part;
                    for (Project p : election.instance().projects()) {
                        if (!p.name().isBlank()) {
                            withoutNames = withoutNames.replace(p.name().strip(), "");
                        }
                    }
                    assertFalse(PLACEHOLDER.matcher(withoutNames).find(), at + ": unresolved text in " + part);
                }
            }
        }
    }
}
