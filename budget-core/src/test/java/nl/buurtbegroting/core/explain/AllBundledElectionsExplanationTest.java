package nl.buurtbegroting.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every project of every bundled real election gets a readable explanation under every rule, in both
 * languages: a headline that agrees with the decision, a body with figures, and no technical words.
 * ({@code mes-add1} can run hundreds of Equal Shares rounds, so it is checked on the files of the cities that
 * use it: Assen, Świecie and Wieliczka.)
 */
class AllBundledElectionsExplanationTest {

    /** Words residents should never read (whole words; a project's own name may contain them). */
    private static final Pattern JARGON = Pattern.compile(
            "\\b(rho|welfare|maxwelfare|utility|utiliteit|knapsack|optimum|null|NaN|Infinity)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern ADD1_CITIES = Pattern.compile("Assen|Swiecie|Wieliczka");

    static Stream<Path> files() throws IOException, URISyntaxException {
        Path dir = Path.of(AllBundledElectionsExplanationTest.class.getResource("/pabulib/instances").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".pb")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyProjectHasAPlainExplanation(Path file) throws IOException {
        Election election = PabulibReader.read(file);
        Explainer explainer = Explainer.forInstance(election.instance());
        for (RuleName rule : RuleName.values()) {
            if (!rule.counts(election.instance().voteType())
                    || rule == RuleName.MES_ADD1 && !ADD1_CITIES.matcher(file.getFileName().toString()).find()) {
                continue;
            }
            Outcome outcome = rule.create().allocate(election);
            for (Language language : Language.values()) {
                List<Explanation> all = explainer.explainAll(outcome, language);
                assertEquals(outcome.projects().size(), all.size());
                for (Explanation x : all) {
                    String where = file.getFileName() + " " + rule + " " + x.projectId() + " " + language;
                    String prefix = language == Language.NL ? (x.funded() ? "Gefinancierd: " : "Niet gefinancierd: ")
                            : (x.funded() ? "Funded: " : "Not funded: ");
                    assertTrue(x.headline().startsWith(prefix), where + ": " + x.headline());
                    assertTrue(x.body().startsWith("Project " + x.projectId()), where + ": " + x.body());
                    assertTrue(x.body().length() > 40, where + ": " + x.body());
                    assertTrue(x.rule().startsWith(language == Language.NL ? "Zo werkt het: " : "How it works: "));
                    String withoutNames = x.text();
                    for (var p : election.instance().projects()) {
                        if (!p.name().isBlank()) {
                            withoutNames = withoutNames.replace(p.name().strip(), "");
                        }
                    }
                    assertFalse(JARGON.matcher(withoutNames).find(), where + ": " + x.text());
                }
            }
        }
    }
}
