package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.testdata.ReferenceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy against what cities actually funded: every bundled Pabulib file that has a {@code selected}
 * column and whose {@code rule} is greedy by votes (plain, or with the file's
 * {@code min_project_score_threshold}). Greedy runs with the threshold and the default tie-breaking.
 * Each file pins the projects where our greedy and the city differ (on all eight files: none).
 */
class CitySelectionTest {

    static Stream<Arguments> cities() {
        return Stream.of(
                // plain greedy by votes
                Arguments.of("Poland_Warszawa_2020_Ochota.pb", Set.of(), Set.of()),
                Arguments.of("Poland_Warszawa_2022_Srodmiescie.pb", Set.of(), Set.of()),
                Arguments.of("Poland_Warszawa_2022_Wilanow.pb", Set.of(), Set.of()),
                // greedy with a minimum score
                Arguments.of("Poland_Lodz_2022_Lublinek-Pienista.pb", Set.of(), Set.of()),
                Arguments.of("Poland_Warszawa_2026_Kolo_Ulrychow.pb", Set.of(), Set.of()),
                Arguments.of("Poland_Czestochowa_2025_Gnaszyn_-_Kawodrza.pb", Set.of(), Set.of()),
                Arguments.of("Poland_Czestochowa_2025_Grabowka.pb", Set.of(), Set.of()),
                Arguments.of("Poland_Katowice_2024_Zaleze.pb", Set.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cities")
    void greedyAgreesWithTheCityExceptForExplainedDifferences(String file, Set<String> onlyOurs, Set<String> onlyCity)
            throws Exception {
        Election election = PabulibReader.read(ReferenceData.instance(file));
        String threshold = election.instance().meta().get("min_project_score_threshold");
        RuleOptions options = RuleOptions.defaults().withMinSupport(threshold == null ? 0 : Long.parseLong(threshold.strip()));
        Outcome outcome = RuleName.GREEDY.create(options).allocate(election);
        Set<String> ours = new TreeSet<>(outcome.selected());
        Set<String> city = new TreeSet<>();
        for (Project p : election.instance().projects()) {
            if ("1".equals(p.attributes().get("selected"))) {
                city.add(p.id());
            }
        }
        Set<String> oursOnly = new TreeSet<>(ours);
        oursOnly.removeAll(city);
        Set<String> cityOnly = new TreeSet<>(city);
        cityOnly.removeAll(ours);
        assertEquals(new TreeSet<>(onlyOurs), oursOnly, "funded by our greedy only");
        assertEquals(new TreeSet<>(onlyCity), cityOnly, "funded by the city only");
    }
}
