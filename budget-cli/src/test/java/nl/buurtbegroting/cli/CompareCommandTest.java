package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.Test;

class CompareCommandTest {

    private static final String ASSEN = "pabulib/Netherlands_Assen_2024.pb";

    @Test
    void showsAMatrixOfProjectsAndRulesWithTotals() {
        Cli.Result r = Cli.run("compare", Cli.file(ASSEN), "--rules", "greedy,knapsack");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("""
                Assen Top Idee (Netherlands_Assen_2024.pb)
                budget 100000, 84 voters, tie-breaking default

                ID  NAME                     COST  SUPPORT  greedy  knapsack
                3   PopUp Podium             7200       43       x         x
                9   Jongerenplatform        21000       42       x         x
                8   Crossbaan in Peelo      40000       25       x         .
                2   Go-Zero kroegentocht    10000       24       x         x
                11  Muziekproductie studio  15000       24       x         x
                1   Scooter Night Ride      40000       23       .         .
                13  Samen koken en eten      1000       21       x         x
                10  Synthetische lichten    50000       19       .         .
                14  In gesprek               5000       14       x         x
                5   LGBTQ+ bijeenkomsten     5000       13       .         x
                6   Snelheidsregeling       11000       10       .         x
                7   RuBox                   12000       10       .         x
                12  Uitdelen Korans          1500        9       .         x
                4   Gedichtenroute          30000        8       .         .
                    funded projects                              7        10
                    total cost                               99200     88700
                    left                                       800     11300
                """, r.out());
    }

    @Test
    void runsEveryRuleOfTheCoreByDefault() {
        Cli.Result r = Cli.run("compare", Cli.file(ASSEN), "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String rules = String.join(", ", RuleNames.labels().stream().map(l -> "\"" + l + "\"").toList());
        assertTrue(r.out().contains("\"rules\": [" + rules + "],"), r.out());
        for (RuleName rule : RuleName.values()) {
            assertTrue(r.out().contains("\"rule\": \"" + rule.label() + "\""), rule.label());
        }
    }

    @Test
    void jsonMarksWhichRulesFundEachProject() {
        Cli.Result r = Cli.run("compare", Cli.file(ASSEN), "--rules", "greedy,knapsack", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("""
                      "id": "8",
                      "name": "Crossbaan in Peelo",
                      "cost": 40000,
                      "support": 25,
                      "funded": {
                        "greedy": true,
                        "knapsack": false
                      }
                """), r.out());
        assertTrue(r.out().contains("\"skipped\": []"));
    }

    @Test
    void aNamedRuleThatCannotCountGivesExitCode4() {
        Cli.Result r = Cli.run("compare", Cli.file("crafted/ranked-ballots.pb"), "--rules", "greedy");
        assertEquals(ExitCodes.CANNOT_COUNT, r.code());
        assertEquals("", r.out());
    }

    @Test
    void unknownRuleInTheListGivesExitCode2() {
        Cli.Result r = Cli.run("compare", Cli.file(ASSEN), "--rules", "greedy,lottery");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("unknown rule 'lottery'"), r.err());
    }
}
