package nl.buurtbegroting.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Explanations on a real election: Assen 2024 ("Assen Top Idee", 84 young voters, € 100.000), under
 * greedy and under mes-add1 (the rule Assen used). These are the samples in the module README, which
 * is checked to show them word for word.
 */
class AssenExplanationTest {

    private static Election assen;
    private static Explainer explainer;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        assen = PabulibReader.read(Path.of(AssenExplanationTest.class
                .getResource("/pabulib/instances/Netherlands_Assen_2024.pb").toURI()));
        explainer = Explainer.forInstance(assen.instance());
    }

    private static String text(RuleName rule, String project, Language language) {
        Outcome outcome = rule.create().allocate(assen);
        return explainer.explain(outcome, project, language).text();
    }

    @Test
    void theModuleReadmeShowsTheseSamples() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (RuleName rule : List.of(RuleName.GREEDY, RuleName.MES_ADD1)) {
            for (String project : rule == RuleName.GREEDY ? List.of("3", "1") : List.of("5", "8")) {
                for (Language language : Language.values()) {
                    String sample = text(rule, project, language);
                    assertTrue(readme.contains(sample), () -> "README.md lacks the sample for " + rule + " " + project
                            + " " + language + ":\n" + sample);
                }
            }
        }
    }

    @Test
    void greedyFundedPopUpPodium() {
        assertEquals("""
                Gefinancierd: het kreeg genoeg stemmen en paste nog in het budget.
                Project 3 (PopUp Podium) kreeg 43 stemmen en kost € 7.200. Het was het 1e project dat geld kreeg. \
                Er was toen nog € 100.000 over, dus het paste.
                Zo werkt het: de projecten met de meeste stemmen krijgen als eerste geld, en een project dat niet \
                meer past, wordt overgeslagen.""", text(RuleName.GREEDY, "3", Language.NL));
        assertEquals("""
                Funded: it got enough votes and still fitted in the budget.
                Project 3 (PopUp Podium) got 43 votes and costs €7,200. It was the 1st project to get money. \
                At that moment €100,000 was still left, so it fitted.
                How it works: the projects with the most votes get money first, and a project that no longer fits \
                is skipped.""", text(RuleName.GREEDY, "3", Language.EN));
    }

    @Test
    void greedyDidNotFundScooterNightRide() {
        assertEquals("""
                Niet gefinancierd: er was niet genoeg geld meer over toen het aan de beurt was.
                Project 1 (Scooter Night Ride) kreeg 23 stemmen en kost € 40.000. Toen het aan de beurt was, was \
                er nog maar € 6.800 over. Dat is € 33.200 te weinig. Projecten met meer stemmen hadden het geld al \
                gekregen.
                Zo werkt het: de projecten met de meeste stemmen krijgen als eerste geld, en een project dat niet \
                meer past, wordt overgeslagen.""", text(RuleName.GREEDY, "1", Language.NL));
        assertEquals("""
                Not funded: there was not enough money left when its turn came.
                Project 1 (Scooter Night Ride) got 23 votes and costs €40,000. When its turn came, only €6,800 was \
                left. That is €33,200 too little. Projects with more votes had already got the money.
                How it works: the projects with the most votes get money first, and a project that no longer fits \
                is skipped.""", text(RuleName.GREEDY, "1", Language.EN));
    }

    @Test
    void equalSharesFundedLgbtqMeetings() {
        assertEquals("""
                Gefinancierd: de mensen die erop stemden, konden het samen betalen.
                Project 5 (LGBTQ+ bijeenkomsten) kreeg 13 stemmen en kost € 5.000. Iedere stemmer had aan het \
                begin € 2.033 te besteden. 11 stemmers betaalden elk € 425,10; 1 stemmer had minder over en \
                betaalde alles wat er nog was (€ 323,89). 1 stemmer had geen geld meer over.
                Zo werkt het: iedere stemmer krijgt een gelijk bedrag te besteden (ongeveer het budget gedeeld \
                door het aantal stemmers, zo nodig verhoogd zodat het geld goed gebruikt wordt), een project \
                krijgt geld als de mensen die erop stemden het samen kunnen betalen, en wat overblijft, gaat naar \
                de projecten met de meeste stemmen die nog passen.""", text(RuleName.MES_ADD1, "5", Language.NL));
        assertEquals("""
                Funded: the people who voted for it could pay for it together.
                Project 5 (LGBTQ+ bijeenkomsten) got 13 votes and costs €5,000. Each voter started with €2,033 to \
                spend. 11 voters each paid €425.10; 1 voter had less left and paid all that was left (€323.89). \
                1 voter had no money left.
                How it works: every voter gets the same amount to spend (about the budget divided by the number \
                of voters, raised if needed so that the money is used well), a project gets money when the people \
                who voted for it can pay for it together, and what is left goes to the projects with the most \
                votes that still fit.""", text(RuleName.MES_ADD1, "5", Language.EN));
    }

    @Test
    void equalSharesDidNotFundTheCrossTrack() {
        assertEquals("""
                Niet gefinancierd: de mensen die erop stemden, konden het niet samen betalen, en wat daarna over \
                was, was te weinig.
                Project 8 (Crossbaan in Peelo) kreeg 25 stemmen en kost € 40.000. De mensen die erop stemden, \
                hadden samen nog maar € 35.072,79 over: € 4.927,21 te weinig. Ze hadden al € 15.752,21 aan andere \
                projecten besteed, het meest aan project 9 (Jongerenplatform): € 5.000. Van het budget was daarna \
                nog € 23.300 over, ook te weinig.
                Zo werkt het: iedere stemmer krijgt een gelijk bedrag te besteden (ongeveer het budget gedeeld \
                door het aantal stemmers, zo nodig verhoogd zodat het geld goed gebruikt wordt), een project \
                krijgt geld als de mensen die erop stemden het samen kunnen betalen, en wat overblijft, gaat naar \
                de projecten met de meeste stemmen die nog passen.""", text(RuleName.MES_ADD1, "8", Language.NL));
        assertEquals("""
                Not funded: the people who voted for it could not pay for it together, and what was left \
                afterwards was too little.
                Project 8 (Crossbaan in Peelo) got 25 votes and costs €40,000. Together the people who voted for \
                it had only €35,072.79 left: €4,927.21 too little. They had already spent €15,752.21 on other \
                projects, the most on project 9 (Jongerenplatform): €5,000. After that, €23,300 of the budget was \
                left, which was too little as well.
                How it works: every voter gets the same amount to spend (about the budget divided by the number \
                of voters, raised if needed so that the money is used well), a project gets money when the people \
                who voted for it can pay for it together, and what is left goes to the projects with the most \
                votes that still fit.""", text(RuleName.MES_ADD1, "8", Language.EN));
    }
}
