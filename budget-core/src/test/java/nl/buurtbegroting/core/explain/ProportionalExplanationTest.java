package nl.buurtbegroting.core.explain;

import static nl.buurtbegroting.core.explain.Explained.assertExplanation;
import static nl.buurtbegroting.core.explain.Explained.fourVoters;
import static nl.buurtbegroting.core.explain.Explained.sentence;
import static nl.buurtbegroting.core.explain.Explained.threeProjects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.outcome.ProjectResult;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.Test;

/**
 * Explanations of the proportional rules (Equal Shares with and without completion, Phragmén) from
 * the figures those rules record: what each supporter paid, what the supporters of an unfunded project
 * still held and lacked, where their money went, and the Phragmén load. Exact text, Dutch and English.
 */
class ProportionalExplanationTest {

    private static final Explainer EXPLAINER = new Explainer();

    @Test
    void equalSharesFundedSaysWhatEachSupporterPaid() {
        Outcome outcome = RuleName.MES.create().allocate(fourVoters());
        Explanation nl = EXPLAINER.explain(outcome, "x", Language.NL);
        assertExplanation(nl, "FUNDED", "Gefinancierd: de mensen die erop stemden, konden het samen betalen.",
                "Project x (Speeltuin) kreeg 3 stemmen en kost € 60.000. Iedere stemmer had aan het begin € 25.000 te "
                        + "besteden. De 3 stemmers betaalden elk € 20.000.");
        assertEquals("Zo werkt het: iedere stemmer krijgt een gelijk deel van het budget, en een project krijgt geld als "
                + "de mensen die erop stemden het samen kunnen betalen (het project dat per stemmer het minst kost, gaat "
                + "eerst).", nl.rule());
        Explanation en = EXPLAINER.explain(outcome, "x", Language.EN);
        assertExplanation(en, "FUNDED", "Funded: the people who voted for it could pay for it together.",
                "Project x (Speeltuin) got 3 votes and costs €60,000. Each voter started with €25,000 to spend. "
                        + "The 3 voters each paid €20,000.");
        assertEquals("How it works: every voter gets an equal part of the budget, and a project gets money when the "
                + "people who voted for it can pay for it together (the project that costs each voter least goes "
                + "first).", en.rule());
    }

    @Test
    void notAffordableSaysWhatTheSupportersLackedAndWhereTheirMoneyWent() {
        Outcome outcome = RuleName.MES.create().allocate(fourVoters());
        assertExplanation(EXPLAINER.explain(outcome, "y", Language.NL), "NOT_AFFORDABLE",
                "Niet gefinancierd: de mensen die erop stemden, hadden samen niet genoeg geld meer over.",
                "Project y (Bankjes) kreeg 2 stemmen en kost € 40.000. Iedere stemmer had aan het begin € 25.000 te "
                        + "besteden. De mensen die erop stemden, hadden samen nog maar € 10.000 over: € 30.000 te weinig. "
                        + "Ze hadden al € 40.000 aan andere projecten besteed, het meest aan project x (Speeltuin): € 40.000.");
        assertExplanation(EXPLAINER.explain(outcome, "y", Language.EN), "NOT_AFFORDABLE",
                "Not funded: the people who voted for it did not have enough money left together.",
                "Project y (Bankjes) got 2 votes and costs €40,000. Each voter started with €25,000 to spend. Together "
                        + "the people who voted for it had only €10,000 left: €30,000 too little. They had already spent "
                        + "€40,000 on other projects, the most on project x (Speeltuin): €40,000.");
    }

    @Test
    void notAffordableFromTheStartNamesNoOtherProject() {
        Outcome outcome = RuleName.MES.create().allocate(fourVoters());
        assertExplanation(EXPLAINER.explain(outcome, "z", Language.NL), "NOT_AFFORDABLE",
                "Niet gefinancierd: de mensen die erop stemden, hadden samen niet genoeg geld meer over.",
                "Project z (Moestuin) kreeg 1 stem en kost € 30.000. Iedere stemmer had aan het begin € 25.000 te "
                        + "besteden. De mensen die erop stemden, hadden samen nog maar € 25.000 over: € 5.000 te weinig.");
        assertExplanation(EXPLAINER.explain(outcome, "z", Language.EN), "NOT_AFFORDABLE",
                "Not funded: the people who voted for it did not have enough money left together.",
                "Project z (Moestuin) got 1 vote and costs €30,000. Each voter started with €25,000 to spend. Together "
                        + "the people who voted for it had only €25,000 left: €5,000 too little.");
    }

    @Test
    void noSupport() {
        Outcome outcome = RuleName.MES.create().allocate(fourVoters());
        assertExplanation(EXPLAINER.explain(outcome, "w", Language.NL), "NO_SUPPORT",
                "Niet gefinancierd: niemand heeft op dit project gestemd.",
                "Project w (Kunstwerk) kost € 10.000 en kreeg geen stemmen. Bij deze regel krijgt een project zonder "
                        + "stemmen geen geld.");
        assertExplanation(EXPLAINER.explain(outcome, "w", Language.EN), "NO_SUPPORT",
                "Not funded: nobody voted for this project.",
                "Project w (Kunstwerk) costs €10,000 and got no votes. Under this rule a project without votes gets no "
                        + "money.");
    }

    @Test
    void equalSharesWithCompletionExplainsTheGreedyFill() {
        // add-one: the share rises until x and z (€ 90.000) are bought; at € 40.000 y would be bought too, over
        // the budget. The fill then tries y (too dear for the € 10.000 left) and funds w.
        Outcome outcome = RuleName.MES_ADD1.create().allocate(fourVoters());
        assertEquals(List.of("x", "z", "w"), outcome.selected());
        assertExplanation(EXPLAINER.explain(outcome, "w", Language.NL), "FUNDED",
                "Gefinancierd: na het verdelen in gelijke delen was er nog geld over, en dit project paste daarin.",
                "Project w (Kunstwerk) kreeg geen stemmen en kost € 10.000. Het geld dat over was, ging naar de projecten "
                        + "met de meeste stemmen die nog pasten. Toen dit project aan de beurt was, was er nog € 10.000 "
                        + "over, dus het paste.");
        assertExplanation(EXPLAINER.explain(outcome, "w", Language.EN), "FUNDED",
                "Funded: money was left after the sharing in equal parts, and this project fitted in it.",
                "Project w (Kunstwerk) got no votes and costs €10,000. The money that was left went to the projects "
                        + "with the most votes that still fitted. When this project's turn came, €10,000 was still left, "
                        + "so it fitted.");
        Explanation y = EXPLAINER.explain(outcome, "y", Language.NL);
        assertExplanation(y, "DOES_NOT_FIT",
                "Niet gefinancierd: de mensen die erop stemden, konden het niet samen betalen, en wat daarna over was, "
                        + "was te weinig.",
                "Project y (Bankjes) kreeg 2 stemmen en kost € 40.000. De mensen die erop stemden, hadden samen nog maar "
                        + "€ 39.998 over: € 2 te weinig. Ze hadden al € 40.000 aan andere projecten besteed, het meest aan "
                        + "project x (Speeltuin): € 40.000. Van het budget was daarna nog € 10.000 over, ook te weinig.");
        assertEquals("Zo werkt het: iedere stemmer krijgt een gelijk bedrag te besteden (ongeveer het budget gedeeld door "
                + "het aantal stemmers, zo nodig verhoogd zodat het geld goed gebruikt wordt), een project krijgt geld als "
                + "de mensen die erop stemden het samen kunnen betalen, en wat overblijft, gaat naar de projecten met de "
                + "meeste stemmen die nog passen.", y.rule());
        Explanation yEn = EXPLAINER.explain(outcome, "y", Language.EN);
        assertExplanation(yEn, "DOES_NOT_FIT",
                "Not funded: the people who voted for it could not pay for it together, and what was left afterwards "
                        + "was too little.",
                "Project y (Bankjes) got 2 votes and costs €40,000. Together the people who voted for it had only "
                        + "€39,998 left: €2 too little. They had already spent €40,000 on other projects, the most on "
                        + "project x (Speeltuin): €40,000. After that, €10,000 of the budget was left, which was too "
                        + "little as well.");
        assertEquals("How it works: every voter gets the same amount to spend (about the budget divided by the number "
                + "of voters, raised if needed so that the money is used well), a project gets money when the people "
                + "who voted for it can pay for it together, and what is left goes to the projects with the most votes "
                + "that still fit.", yEn.rule());
        assertEquals("Iedere stemmer had aan het begin € 39.999 te besteden.",
                sentence(EXPLAINER.explain(outcome, "x", Language.NL).body(), 1));
    }

    @Test
    void equalSharesWithPointsSaysWhatThePeoplePaidDependingOnTheirPoints() {
        // Two voters with € 50.000 each. p (€ 60.000): 3 and 1 points, so they pay € 45.000 and € 15.000.
        Instance instance = Instance.of(100_000, List.of(Project.of("p", "Plein", 60_000), Project.of("q", "Pad", 40_000)));
        Election election = new Election(instance, new Profile(List.of(
                CumulativeBallot.of(Map.of("p", 3L, "q", 1L)), CumulativeBallot.of(Map.of("p", 1L)))));
        Outcome outcome = RuleName.MES.create().allocate(election);
        Explainer points = EXPLAINER.withPoints(true);
        assertExplanation(points.explain(outcome, "p", Language.NL), "FUNDED",
                "Gefinancierd: de mensen die erop stemden, konden het samen betalen.",
                "Project p (Plein) kreeg 4 punten en kost € 60.000. Iedere stemmer had aan het begin € 50.000 te "
                        + "besteden. De 2 mensen die punten gaven, betaalden samen € 60.000: van € 15.000 tot € 45.000 per "
                        + "persoon, afhankelijk van hun punten en van wat ze nog hadden.");
        assertExplanation(points.explain(outcome, "p", Language.EN), "FUNDED",
                "Funded: the people who voted for it could pay for it together.",
                "Project p (Plein) got 4 points and costs €60,000. Each voter started with €50,000 to spend. The 2 "
                        + "people who gave it points paid €60,000 together: from €15,000 to €45,000 each, depending on "
                        + "their points and on what they still had.");
    }

    @Test
    void equalSharesSaysWhoPaidLessBecauseTheyHadLessLeft() {
        // Budget € 100.000, five voters with € 20.000 each. a (€ 60.000; voters 1 to 4) goes first: € 15.000 each.
        // Then b (€ 25.000; voters 1, 2 and 5): voters 1 and 2 have € 5.000 left and pay it, voter 5 pays € 15.000.
        Instance instance = Instance.of(100_000, List.of(Project.of("a", "Speeltuin", 60_000), Project.of("b", "Bankjes", 25_000)));
        Election election = new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"),
                ApprovalBallot.of("a", "b"), ApprovalBallot.of("a"), ApprovalBallot.of("a"), ApprovalBallot.of("b"))));
        Outcome outcome = RuleName.MES.create().allocate(election);
        assertEquals(List.of("a", "b"), outcome.selected());
        assertEquals("1 stemmer betaalde € 15.000; 2 stemmers hadden minder over en betaalden alles wat ze nog hadden "
                + "(€ 5.000 per persoon).", sentence(EXPLAINER.explain(outcome, "b", Language.NL).body(), 2));
        assertEquals("1 voter paid €15,000; 2 voters had less left and paid all they had left (€5,000 each).",
                sentence(EXPLAINER.explain(outcome, "b", Language.EN).body(), 2));
    }

    @Test
    void phragmenExplainsTheLoadAndWhereItStopped() {
        // Loads: a 60.000/3 = 20.000 first; then b (20.000 + 20.000 + 50.000) / 2 = 45.000 does not fit: stop.
        Outcome outcome = RuleName.PHRAGMEN.create().allocate(threeProjects());
        assertExplanation(EXPLAINER.explain(outcome, "a", Language.NL), "FUNDED",
                "Gefinancierd: de kosten konden eerlijk verdeeld worden over de mensen die erop stemden.",
                "Project a (Speeltuin) kreeg 3 stemmen en kost € 60.000. Het was het 1e project dat geld kreeg. Er was "
                        + "toen nog € 100.000 over, dus het paste. Daarmee droeg ieder van de mensen die erop stemden in "
                        + "totaal € 20.000 van de kosten van de gekozen projecten.");
        Explanation en = EXPLAINER.explain(outcome, "a", Language.EN);
        assertExplanation(en, "FUNDED", "Funded: its cost could be shared fairly among the people who voted for it.",
                "Project a (Speeltuin) got 3 votes and costs €60,000. It was the 1st project to get money. At that "
                        + "moment €100,000 was still left, so it fitted. With it, each of the people who voted for it "
                        + "carried €20,000 in total of the cost of the chosen projects.");
        assertEquals("How it works: the cost of each chosen project is shared as equally as possible among the people "
                + "who voted for it, the project that weighs least on them goes first, and the sharing out stops at the "
                + "first project that does not fit.", en.rule());
        assertEquals("STOPPED_BEFORE", EXPLAINER.explain(outcome, "c", Language.EN).decisionCode());
    }

    @Test
    void aDecisionWithoutFiguresStillReadsWell() {
        // NotAffordable as a rule records it when it gathers no figures.
        Project project = Project.of("a", "Speeltuin", 60_000);
        Outcome outcome = new Outcome("mes", 100_000, 0, List.of(),
                List.of(new ProjectResult(project, 2, new Decision.NotAffordable("", "", ""))), List.of(), "default", Map.of());
        assertEquals("Project a (Speeltuin) kreeg 2 stemmen en kost € 60.000. De mensen die erop stemden, hadden samen "
                + "niet genoeg geld meer over om het te betalen.", EXPLAINER.explain(outcome, "a", Language.NL).body());
        assertEquals("Project a (Speeltuin) got 2 votes and costs €60,000. Together the people who voted for it did not "
                + "have enough money left to pay for it.", EXPLAINER.explain(outcome, "a", Language.EN).body());
    }
}
