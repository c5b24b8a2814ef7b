package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;

/** The add-one completion of Equal Shares, as Wieliczka, Świecie and Assen use it. */
class EqualSharesAdd1Test {

    private static final RuleOptions BY_ID = RuleOptions.withTieBreaking(new TieBreaking.ById(false));

    /** Budget 10, two voters (5 each): p (6) by v1, q (5) by v2, r (3) by nobody. */
    private static Election twoVoters(long costP) {
        Instance instance = Instance.of(10, List.of(Project.of("p", costP), Project.of("q", 5), Project.of("r", 3)));
        return new Election(instance, new Profile(List.of(ApprovalBallot.of("p"), ApprovalBallot.of("q"))));
    }

    @Test
    void raisesTheShareUntilTheOutcomeIsExhaustive() {
        // share 5 buys q only and leaves 5, in which r fits; share 6 would buy p and q (11 > 10): take share 5,
        // then the greedy fill adds r (p does not fit)
        Outcome outcome = RuleName.MES_ADD1.create(BY_ID).allocate(twoVoters(6));
        assertEquals(Set.of("q", "r"), Set.copyOf(outcome.selected()));
        assertEquals("5", outcome.details().get("share"));
        assertEquals("over budget at share 6", outcome.details().get("stop"));
        assertEquals(new Decision.Funded(2, "greedy fill"), outcome.result("r").orElseThrow().decision());
    }

    @Test
    void takesTheFirstExhaustiveOutcome() {
        // p costs 5: share 5 buys p and q for the whole budget
        Outcome outcome = RuleName.MES_ADD1.create(BY_ID).allocate(twoVoters(5));
        assertEquals(Set.of("p", "q"), Set.copyOf(outcome.selected()));
        assertEquals("exhaustive", outcome.details().get("stop"));
    }

    @Test
    void withoutTheFillKeepsTheOutcomeOfTheLastShare() {
        Outcome outcome = RuleName.MES_ADD1.create(BY_ID.withMesCompletion(MesCompletion.ADD1)).allocate(twoVoters(6));
        assertEquals(List.of("q"), outcome.selected());
    }

    @Test
    void reproducesWhatAssenAndSwieciePublished() {
        for (String file : List.of("Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb")) {
            Election election = ProportionalConformance.plain(file);
            Outcome outcome = RuleName.MES_ADD1.create(BY_ID.withMesCompletion(MesCompletion.ADD1)).allocate(election);
            assertEquals(citySelection(election), new TreeSet<>(outcome.selected()), file);
        }
    }

    @Test
    void theWieliczkaVariantKeepsRaisingPastTheFirstExhaustiveOutcome() {
        Election election = ProportionalConformance.plain("Poland_Wieliczka_2023_Green_Budget.pb");
        Outcome outcome = RuleName.MES_ADD1.create(BY_ID.withMesCompletion(MesCompletion.ADD1).withRaisePastExhaustive(true))
                .allocate(election);
        assertEquals(citySelection(election), new TreeSet<>(outcome.selected()));
    }

    @Test
    void skippingSharesGivesTheSameOutcomeAsTryingEveryShare() {
        for (String file : List.of("Netherlands_Amsterdam_604.pb", "Poland_Gdynia_2023_Redlowo__small.pb",
                "Switzerland_Zurich_D5.pb", "Worldwide_Mechanical_Turk_Knapsack_7.pb")) {
            assertSkippingIsSound(ProportionalConformance.plain(file), false);
        }
        assertSkippingIsSound(ProportionalConformance.plain("Poland_Gdynia_2023_Redlowo__small.pb"), true);
    }

    static void assertSkippingIsSound(Election election, boolean raisePast) {
        CompiledElection e = CompiledElection.of(election, new TieBreaking.ById(false), RuleName.MES_ADD1);
        boolean[] candidate = new boolean[e.projectCount];
        boolean[] supported = new boolean[e.projectCount];
        for (int p = 0; p < e.projectCount; p++) {
            candidate[p] = e.admitted[p];
            supported[p] = candidate[p] && e.support[p] > 0;
        }
        EqualSharesEngine engine = new EqualSharesEngine(e, supported);
        ShareSearch.Found skipping = ShareSearch.find(e, engine, candidate, supported, raisePast, true);
        ShareSearch.Found oneByOne = ShareSearch.find(e, engine, candidate, supported, raisePast, false);
        if (!oneByOne.stop().startsWith("no larger share")) {
            // when nothing changes any more, any share from there on is as good; otherwise the share is the same
            assertEquals(oneByOne.share(), skipping.share(), "share");
        }
        assertEquals(List.of(box(oneByOne.result().selected)), List.of(box(skipping.result().selected)));
        assertEquals(oneByOne.stop(), skipping.stop());
    }

    private static List<Integer> box(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static Set<String> citySelection(Election election) {
        Set<String> city = new TreeSet<>();
        for (Project p : election.instance().projects()) {
            if ("1".equals(p.attributes().get("selected"))) {
                city.add(p.id());
            }
        }
        return city;
    }
}
