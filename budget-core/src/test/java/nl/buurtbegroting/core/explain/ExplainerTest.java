package nl.buurtbegroting.core.explain;

import static nl.buurtbegroting.core.explain.Explained.assertExplanation;
import static nl.buurtbegroting.core.explain.Explained.sentence;
import static nl.buurtbegroting.core.explain.Explained.threeProjects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import org.junit.jupiter.api.Test;

/**
 * One test per decision kind, in Dutch and in English, with the exact text, on tiny elections run
 * through the real rules (so the explanations are checked against what the rules really record). The
 * kinds only the proportional rules take (not affordable, no support) are in
 * {@link ProportionalExplanationTest}.
 */
class ExplainerTest {

    private static final Explainer EXPLAINER = new Explainer();

    private static final String GREEDY_NL = "Zo werkt het: de projecten met de meeste stemmen krijgen als eerste geld, "
            + "en een project dat niet meer past, wordt overgeslagen.";
    private static final String GREEDY_EN = "How it works: the projects with the most votes get money first, and a "
            + "project that no longer fits is skipped.";

    @Test
    void fundedByGreedySaysWhatWasLeftWhenItsTurnCame() {
        Outcome outcome = RuleName.GREEDY.create().allocate(threeProjects());
        Explanation nl = EXPLAINER.explain(outcome, "c", Language.NL);
        assertExplanation(nl, "FUNDED", "Gefinancierd: het kreeg genoeg stemmen en paste nog in het budget.",
                "Project c (Moestuin) kreeg 1 stem en kost € 40.000. Het was het 2e project dat geld kreeg. "
                        + "Er was toen nog € 40.000 over, dus het paste.");
        assertEquals(GREEDY_NL, nl.rule());
        assertTrue(nl.funded());
        Explanation en = EXPLAINER.explain(outcome, "c", Language.EN);
        assertExplanation(en, "FUNDED", "Funded: it got enough votes and still fitted in the budget.",
                "Project c (Moestuin) got 1 vote and costs €40,000. It was the 2nd project to get money. "
                        + "At that moment €40,000 was still left, so it fitted.");
        assertEquals(GREEDY_EN, en.rule());
        assertEquals(nl.headline() + "\n" + nl.body() + "\n" + nl.rule(), nl.text());
    }

    @Test
    void doesNotFitSaysHowMuchWasLeftAndHowMuchWasMissing() {
        Outcome outcome = RuleName.GREEDY.create().allocate(threeProjects());
        assertExplanation(EXPLAINER.explain(outcome, "b", Language.NL), "DOES_NOT_FIT",
                "Niet gefinancierd: er was niet genoeg geld meer over toen het aan de beurt was.",
                "Project b (Bankjes) kreeg 2 stemmen en kost € 50.000. Toen het aan de beurt was, was er nog maar "
                        + "€ 40.000 over. Dat is € 10.000 te weinig. Projecten met meer stemmen hadden het geld al gekregen.");
        assertExplanation(EXPLAINER.explain(outcome, "b", Language.EN), "DOES_NOT_FIT",
                "Not funded: there was not enough money left when its turn came.",
                "Project b (Bankjes) got 2 votes and costs €50,000. When its turn came, only €40,000 was left. "
                        + "That is €10,000 too little. Projects with more votes had already got the money.");
    }

    @Test
    void doesNotFitTheWholeBudget() {
        Instance instance = Instance.of(100_000, List.of(Project.of("a", "Zwembad", 250_000), Project.of("b", 50_000)));
        Outcome outcome = RuleName.KNAPSACK.create().allocate(new Election(instance, Profile.of(ApprovalBallot.of("a"))));
        assertExplanation(EXPLAINER.explain(outcome, "a", Language.NL), "DOES_NOT_FIT",
                "Niet gefinancierd: het kost meer dan het hele budget.",
                "Project a (Zwembad) kreeg 1 stem en kost € 250.000. Het hele budget is € 100.000, dus het past nooit.");
        assertExplanation(EXPLAINER.explain(outcome, "a", Language.EN), "DOES_NOT_FIT",
                "Not funded: it costs more than the whole budget.",
                "Project a (Zwembad) got 1 vote and costs €250,000. The whole budget is €100,000, so it can never fit.");
    }

    @Test
    void belowThresholdNamesTheMinimum() {
        Outcome outcome = RuleName.GREEDY.create(RuleOptions.defaults().withMinSupport(2)).allocate(threeProjects());
        assertExplanation(EXPLAINER.explain(outcome, "c", Language.NL), "BELOW_THRESHOLD",
                "Niet gefinancierd: het kreeg te weinig stemmen.",
                "Project c (Moestuin) kreeg 1 stem. Een project moet minstens 2 stemmen krijgen om mee te doen. "
                        + "Daarom deed het niet mee bij het verdelen van het geld.");
        assertExplanation(EXPLAINER.explain(outcome, "c", Language.EN), "BELOW_THRESHOLD",
                "Not funded: it got too few votes.",
                "Project c (Moestuin) got 1 vote. A project needs at least 2 votes to take part. "
                        + "So it did not take part when the money was shared out.");
    }

    @Test
    void notEligibleGivesThePublicReason() {
        Election e = threeProjects();
        Instance refused = e.instance().withProjects(List.of(
                Project.of("a", "Speeltuin", 60_000).withEligibility(Eligibility.notAdmitted("Het terrein is geen grond van de gemeente")),
                Project.of("b", "Bankjes", 50_000), Project.of("c", "Moestuin", 40_000)));
        Outcome outcome = RuleName.GREEDY.create().allocate(new Election(refused, e.profile()));
        assertExplanation(EXPLAINER.explain(outcome, "a", Language.NL), "NOT_ELIGIBLE",
                "Niet gefinancierd: het project mocht niet meedoen aan de stemming.",
                "Project a (Speeltuin) kost € 60.000. De reden dat het niet mocht meedoen: Het terrein is geen grond "
                        + "van de gemeente. Een project dat niet mag meedoen, kan geen geld krijgen.");
        assertExplanation(EXPLAINER.explain(outcome, "a", Language.EN), "NOT_ELIGIBLE",
                "Not funded: the project was not allowed in the vote.",
                "Project a (Speeltuin) costs €60,000. The reason it was not allowed: Het terrein is geen grond van de "
                        + "gemeente. A project that is not allowed in the vote cannot get money.");
    }

    @Test
    void exceedsCategoryCapSaysWhatTheCategoryHadLeft() {
        Instance instance = Instance.of(300_000, List.of(Project.of("g1", "Bomen", 100_000, "groen"),
                Project.of("g2", "Bloemen", 100_000, "groen"), Project.of("s", "Sportveld", 100_000, "sport")))
                .withCategoryCaps(Map.of("groen", 150_000L));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("g1", "g2", "s"),
                ApprovalBallot.of("g1", "g2"), ApprovalBallot.of("g1"))));
        Outcome outcome = RuleName.GREEDY.create().allocate(election);
        assertExplanation(EXPLAINER.explain(outcome, "g2", Language.NL), "EXCEEDS_CATEGORY_CAP",
                "Niet gefinancierd: er mocht niet meer geld naar projecten in de categorie \"groen\".",
                "Project g2 (Bloemen) kreeg 2 stemmen en kost € 100.000. Aan projecten in de categorie \"groen\" mag "
                        + "samen hoogstens € 150.000 besteed worden. Daarvan was al € 100.000 gebruikt, dus er was nog "
                        + "€ 50.000 over. Dat is te weinig voor dit project.");
        assertExplanation(EXPLAINER.explain(outcome, "g2", Language.EN), "EXCEEDS_CATEGORY_CAP",
                "Not funded: no more money could go to projects in the category \"groen\".",
                "Project g2 (Bloemen) got 2 votes and costs €100,000. Projects in the category \"groen\" may get at "
                        + "most €150,000 together. €100,000 of that was already used, so €50,000 was left. That is too "
                        + "little for this project.");
    }

    @Test
    void incompatibleNamesTheFundedRival() {
        Instance instance = Instance.of(300_000, List.of(Project.of("a", "Kunstgras", 100_000),
                Project.of("b", "Echt gras", 100_000))).withIncompatibleGroups(List.of(Set.of("a", "b")));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"), ApprovalBallot.of("a"))));
        Outcome outcome = RuleName.GREEDY.create().allocate(election);
        assertExplanation(EXPLAINER.explain(outcome, "b", Language.NL), "INCOMPATIBLE",
                "Niet gefinancierd: het kan niet samen met project a, en dat project kreeg al geld.",
                "Project b (Echt gras) kreeg 1 stem en kost € 100.000. Van dit project en project a (Kunstgras) kan er "
                        + "maar één uitgevoerd worden. Project a (Kunstgras) kreeg al geld, dus dit project niet meer.");
        assertExplanation(EXPLAINER.explain(outcome, "b", Language.EN), "INCOMPATIBLE",
                "Not funded: it cannot go ahead together with project a, and that project already got money.",
                "Project b (Echt gras) got 1 vote and costs €100,000. Only one of this project and project a "
                        + "(Kunstgras) can go ahead. Project a (Kunstgras) already got money, so this project could not.");
    }

    @Test
    void stoppedBeforeNamesWhereTheRuleStopped() {
        Outcome outcome = RuleName.GREEDY.create(RuleOptions.defaults().withNoSkip(true)).allocate(threeProjects());
        assertExplanation(EXPLAINER.explain(outcome, "c", Language.NL), "STOPPED_BEFORE",
                "Niet gefinancierd: het verdelen van het geld was al gestopt voordat dit project aan de beurt was.",
                "Project c (Moestuin) kreeg 1 stem en kost € 40.000. Bij deze regel stopt het verdelen bij het eerste "
                        + "project dat niet meer past. Dat was project b (Bankjes): er was nog maar € 40.000 over. Dit "
                        + "project had daar wel in gepast, maar het kwam pas daarna aan de beurt.");
        assertExplanation(EXPLAINER.explain(outcome, "c", Language.EN), "STOPPED_BEFORE",
                "Not funded: the sharing out of the money had already stopped before its turn came.",
                "Project c (Moestuin) got 1 vote and costs €40,000. Under this rule the sharing out stops at the first "
                        + "project that no longer fits. That was project b (Bankjes): only €40,000 was left. This project "
                        + "would have fitted, but its turn came after that.");
        Explanation stopper = EXPLAINER.explain(outcome, "b", Language.NL);
        assertEquals("Project b (Bankjes) kreeg 2 stemmen en kost € 50.000. Toen het aan de beurt was, was er nog maar "
                + "€ 40.000 over. Dat is € 10.000 te weinig. Bij deze regel stopt het verdelen dan: daarna kreeg geen "
                + "enkel project meer geld.", stopper.body());
        assertEquals("Zo werkt het: de projecten met de meeste stemmen krijgen als eerste geld, en bij het eerste project "
                + "dat niet meer past, stopt het verdelen.", stopper.rule());
        assertEquals("How it works: the projects with the most votes get money first, and the sharing out stops at the "
                + "first project that no longer fits.", EXPLAINER.explain(outcome, "b", Language.EN).rule());
    }

    @Test
    void knapsackExplainsTheBestCombination() {
        // {a, c}: 4 votes for € 100.000; {b, c}: 3 votes; so b is left out.
        Outcome outcome = RuleName.KNAPSACK.create().allocate(threeProjects());
        assertExplanation(EXPLAINER.explain(outcome, "b", Language.NL), "NOT_IN_OPTIMUM",
                "Niet gefinancierd: het hoort niet bij de combinatie van projecten met de meeste stemmen die in het "
                        + "budget past.",
                "Project b (Bankjes) kreeg 2 stemmen en kost € 50.000. De gekozen projecten hebben samen 4 stemmen en "
                        + "kosten samen € 100.000. Een combinatie met dit project erin die in het budget van € 100.000 "
                        + "past, heeft niet meer stemmen.");
        assertExplanation(EXPLAINER.explain(outcome, "b", Language.EN), "NOT_IN_OPTIMUM",
                "Not funded: it is not part of the combination of projects with the most votes that fits in the budget.",
                "Project b (Bankjes) got 2 votes and costs €50,000. Together the chosen projects have 4 votes and cost "
                        + "€100,000. No combination with this project in it that fits in the budget of €100,000 has more "
                        + "votes.");
        Explanation funded = EXPLAINER.explain(outcome, "a", Language.EN);
        assertExplanation(funded, "FUNDED",
                "Funded: it is part of the combination of projects with the most votes that fits in the budget.",
                "Project a (Speeltuin) got 3 votes and costs €60,000. Together the chosen projects have 4 votes and cost "
                        + "€100,000. No other combination that fits in the budget of €100,000 has more votes.");
        assertEquals("How it works: the combination of projects that together has the most votes and fits in the budget "
                + "gets the money.", funded.rule());
        assertEquals("Zo werkt het: de combinatie van projecten die samen de meeste stemmen heeft en in het budget past, "
                + "krijgt het geld.", EXPLAINER.explain(outcome, "a", Language.NL).rule());
    }

    @Test
    void aTieThatDecidedSaysWhichProjectWentFirstAndWhy() {
        Instance instance = Instance.of(50_000, List.of(Project.of("9", 50_000), Project.of("10", 50_000)));
        Outcome outcome = RuleName.GREEDY.create().allocate(new Election(instance, Profile.of(ApprovalBallot.of("9", "10"))));
        assertEquals("Project 10 kreeg 1 stem en kost € 50.000. Toen het aan de beurt was, was het geld al op. "
                + "Projecten met meer stemmen hadden het geld al gekregen. Het stond gelijk "
                + "met project 9; project 9 ging voor, omdat bij gelijke stand eerst het project met de meeste stemmen "
                + "voorgaat, dan het goedkoopste, en dan het project dat eerder op de lijst staat.",
                EXPLAINER.explain(outcome, "10", Language.NL).body());
        assertEquals("Project 10 got 1 vote and costs €50,000. When its turn came, the money had run out. Projects with "
                + "more votes had already got the money. It was level with project 9; project 9 went first, because in "
                + "a tie the project with the most votes goes first, then the cheaper one, and then the one that is "
                + "higher on the list.", EXPLAINER.explain(outcome, "10", Language.EN).body());
        assertEquals("It was level with project 10; this project went first, because in a tie the project with the most "
                + "votes goes first, then the cheaper one, and then the one that is higher on the list.",
                sentence(EXPLAINER.explain(outcome, "9", Language.EN).body(), 3));
    }

    @Test
    void greedyPerCostSaysVotesForWhatItCosts() {
        Outcome outcome = RuleName.GREEDY_PER_COST.create().allocate(threeProjects());
        Explanation nl = EXPLAINER.explain(outcome, "a", Language.NL);
        assertEquals("Gefinancierd: het kreeg veel stemmen voor wat het kost, en het paste nog in het budget.", nl.headline());
        assertEquals("Zo werkt het: de projecten met de meeste stemmen voor wat ze kosten, krijgen als eerste geld, en "
                + "een project dat niet meer past, wordt overgeslagen.", nl.rule());
        assertEquals("How it works: the projects with the most votes for what they cost get money first, and a project "
                + "that no longer fits is skipped.", EXPLAINER.explain(outcome, "a", Language.EN).rule());
    }

    @Test
    void explainsEveryProjectInTheOutcomesOrder() {
        Outcome outcome = RuleName.GREEDY.create().allocate(threeProjects());
        List<Explanation> all = EXPLAINER.explainAll(outcome, Language.EN);
        assertEquals(List.of("a", "b", "c"), all.stream().map(Explanation::projectId).toList());
        assertEquals(List.of(true, false, true), all.stream().map(Explanation::funded).toList());
        assertTrue(all.stream().allMatch(x -> x.language() == Language.EN));
    }

    @Test
    void rejectsAnUnknownProject() {
        Outcome outcome = RuleName.GREEDY.create().allocate(threeProjects());
        assertThrows(NoSuchElementException.class, () -> EXPLAINER.explain(outcome, "zz", Language.NL));
    }

    @Test
    void everyDecisionKindHasItsOwnWords() {
        assertEquals(Set.of(Decision.class.getPermittedSubclasses()), Set.copyOf(Explainer.WORDED),
                "a new decision kind needs a text in Dutch and English");
    }

    @Test
    void currencyAndPointsComeFromTheInstance() {
        Instance instance = Instance.of(100_000, List.of(Project.of("a", 60_000)))
                .withMeta(Map.of("currency", "PLN"));
        Outcome outcome = RuleName.GREEDY.create().allocate(new Election(instance, Profile.of(ApprovalBallot.of("a"))));
        assertEquals("Project a got 1 vote and costs PLN 60,000.",
                sentence(Explainer.forInstance(instance).explain(outcome, "a", Language.EN).body(), 0));
        assertEquals("Project a kreeg 1 stem en kost PLN 60.000.",
                sentence(Explainer.forInstance(instance).explain(outcome, "a", Language.NL).body(), 0));
    }

    @Test
    void aLongNameIsNeverCutBetweenTheHalvesOfAnEmoji() {
        // 58 letters then an emoji (two UTF-16 units) then more: the cut at 59 units would split the emoji.
        String name = "x".repeat(58) + "😀" + "y".repeat(10);
        Instance instance = Instance.of(100_000, List.of(new Project("a", name, 60_000, List.of(), List.of(),
                nl.buurtbegroting.core.model.Eligibility.ADMITTED, Map.of())));
        Outcome outcome = RuleName.GREEDY.create().allocate(new Election(instance, Profile.of(ApprovalBallot.of("a"))));
        for (Language language : Language.values()) {
            Explanation x = Explainer.forInstance(instance).explain(outcome, "a", language);
            String all = x.headline() + x.body();
            for (int i = 0; i < all.length(); i++) {
                char c = all.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertTrue(i + 1 < all.length() && Character.isLowSurrogate(all.charAt(i + 1)), all);
                    i++;
                } else {
                    assertTrue(!Character.isLowSurrogate(c), all);
                }
            }
            assertTrue(all.contains("x".repeat(58) + "…"), all);
        }
    }
}
