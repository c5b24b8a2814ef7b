package nl.buurtbegroting.core.rules;

import java.util.stream.Stream;
import nl.buurtbegroting.core.testdata.ReferenceData;
import nl.buurtbegroting.core.testdata.ReferenceData.Entry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sequential Phragmén against the reference outcomes of the approval and choose-one elections. */
class PhragmenConformanceTest {

    static Stream<Entry> phragmen() {
        return ReferenceData.entries("phragmen").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phragmen")
    void phragmenFundsTheReferenceSet(Entry entry) {
        ProportionalConformance.assertMatches(RuleName.PHRAGMEN, RuleOptions.defaults(), entry);
    }

    @AfterAll
    static void printCounts() {
        ProportionalConformance.printCounts();
    }
}
