package nl.buurtbegroting.core.rules;

import java.util.stream.Stream;
import nl.buurtbegroting.core.testdata.ReferenceData;
import nl.buurtbegroting.core.testdata.ReferenceData.Entry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Equal Shares ({@code mes}) and its add-one completion ({@code mes-add1}) against the reference
 * outcomes of 45 real elections (pabutools 1.2.3, checked against equalshares.net for mes-add1; see
 * src/test/resources/pabulib/README.md). With the reference tie-breaking (smallest id as a string) a
 * rule must fund exactly the reference set; with the opposite order, the reference set or, for
 * tie-sensitive entries, the given alternative.
 */
class MesConformanceTest {

    static Stream<Entry> mes() {
        return ReferenceData.entries("mes").stream();
    }

    static Stream<Entry> mesAdd1() {
        return ReferenceData.entries("mes_add1").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mes")
    void mesFundsTheReferenceSet(Entry entry) {
        ProportionalConformance.assertMatches(RuleName.MES, RuleOptions.defaults(), entry);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mesAdd1")
    void mesAdd1FundsTheReferenceSet(Entry entry) {
        ProportionalConformance.assertMatches(RuleName.MES_ADD1, RuleOptions.defaults(), entry);
    }

    @AfterAll
    static void printCounts() {
        ProportionalConformance.printCounts();
    }
}
