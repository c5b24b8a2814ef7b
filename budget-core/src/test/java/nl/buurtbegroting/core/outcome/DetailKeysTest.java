package nl.buurtbegroting.core.outcome;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.rules.MesCompletion;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.testdata.Elections;
import org.junit.jupiter.api.Test;

/**
 * The keys the explanations read are the keys the rules write: if a rule renamed one, the explanations would
 * quietly lose a sentence, so each key is looked for in a real outcome of the rule that writes it.
 */
class DetailKeysTest {

    private static final Election WARSAW = Elections.bundled("Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb");

    @Test
    void everyRuleWritesTheCountedBallotsBallotFormatAndCurrency() {
        for (RuleName rule : RuleName.values()) {
            Outcome o = rule.create().allocate(WARSAW);
            assertTrue(o.details().keySet().containsAll(List.of(DetailKeys.VOTERS, DetailKeys.VOTE_TYPE)), rule + ": " + o.details());
        }
    }

    @Test
    void knapsackWritesItsWelfare() {
        assertTrue(RuleName.KNAPSACK.create().allocate(WARSAW).details().containsKey(DetailKeys.WELFARE));
    }

    @Test
    void equalSharesWritesItsSharesPaymentsAndWhereTheMoneyWent() {
        Outcome mes = RuleName.MES.create(RuleOptions.defaults().withMesCompletion(MesCompletion.GREEDY)).allocate(WARSAW);
        assertTrue(mes.details().containsKey(DetailKeys.START_SHARE), mes.details().toString());
        Set<String> projectKeys = mes.projects().stream().flatMap(r -> r.details().keySet().stream()).collect(Collectors.toSet());
        assertTrue(projectKeys.containsAll(List.of(DetailKeys.PAYERS, DetailKeys.MIN_PAYMENT, DetailKeys.MAX_PAYMENT,
                DetailKeys.PAYMENTS, DetailKeys.SPENT_ON, DetailKeys.MES_DECISION)), projectKeys.toString());

        assertTrue(projectKeys.containsAll(List.of(DetailKeys.RHO, DetailKeys.PROJECT_SHARE, DetailKeys.PAID_FULL_SHARE,
                DetailKeys.AVAILABLE, DetailKeys.LACKING)), projectKeys.toString());
        assertTrue(mes.details().containsKey(DetailKeys.MES_COST), mes.details().toString());

        Outcome add1 = RuleName.MES_ADD1.create().allocate(WARSAW);
        assertTrue(add1.details().keySet().containsAll(List.of(DetailKeys.FIRST_SHARE, DetailKeys.SHARE, DetailKeys.STOP)),
                add1.details().toString());
    }

    @Test
    void phragmenWritesTheLoadOfEachFundedProject() {
        Outcome o = RuleName.PHRAGMEN.create().allocate(WARSAW);
        for (ProjectResult r : o.projects()) {
            if (r.selected()) {
                assertTrue(r.details().containsKey(DetailKeys.LOAD), r.project().id() + ": " + r.details());
            }
        }
    }
}
