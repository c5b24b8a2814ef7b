package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void cleanFileReportsItsCountsAndExitsWith0() {
        Cli.Result r = Cli.run("validate", Cli.file("pabulib/Poland_Czestochowa_2020_Podjasnogorska.pb"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("""
                District PB in Częstochowa, Podjasnogórska (Poland_Czestochowa_2020_Podjasnogorska.pb)
                projects      9
                voters        215
                vote type     cumulative
                budget        143868
                ballot rules  min_sum_points 1, max_sum_points 10

                all 215 ballots are valid
                """, r.out());
    }

    @Test
    void ballotsBreakingTheFilesRulesAreGroupedByCodeAndExitWith5() {
        Cli.Result r = Cli.run("validate", Cli.file("crafted/names-to-escape.pb"));
        assertEquals(ExitCodes.INVALID_BALLOTS, r.code(), r.err());
        assertTrue(r.out().endsWith("""
                1 of 4 ballots break the ballot rules:
                CODE              BALLOTS  EXAMPLE                           VOTERS
                TOO_FEW_PROJECTS        1  choose at least 1 project, not 0  v4
                """), r.out());
    }

    @Test
    void showsOnlyTheFirstVoterIdsOfAGroup(@TempDir Path dir) throws IOException {
        StringBuilder file = new StringBuilder("""
                META
                key;value
                num_projects;2
                num_votes;7
                budget;100
                vote_type;approval
                max_length;1
                PROJECTS
                project_id;cost
                a;60
                b;50
                VOTES
                voter_id;vote
                """);
        for (int v = 1; v <= 7; v++) {
            file.append("voter").append(v).append(";a,b\n");
        }
        Path pb = dir.resolve("too-long.pb");
        Files.writeString(pb, file);

        Cli.Result r = Cli.run("validate", pb.toString(), "--examples", "3", "--format", "json");

        assertEquals(ExitCodes.INVALID_BALLOTS, r.code(), r.err());
        assertTrue(r.out().contains("""
                  "violations": [
                    {
                      "code": "TOO_MANY_PROJECTS",
                      "ballots": 7,
                      "example": "choose at most 1 project, not 2",
                      "voters": ["voter1", "voter2", "voter3"]
                    }
                  ]
                """), r.out());
        assertTrue(r.out().contains("\"valid\": false,"));
    }

    @Test
    void malformedFileExitsWith3() throws IOException {
        Path pb = Files.createTempFile("empty", ".pb");
        try {
            Cli.Result r = Cli.run("validate", pb.toString());
            assertEquals(ExitCodes.INVALID_INPUT, r.code());
            assertTrue(r.err().endsWith("[EMPTY_FILE]\n"), r.err());
        } finally {
            Files.delete(pb);
        }
    }
}
