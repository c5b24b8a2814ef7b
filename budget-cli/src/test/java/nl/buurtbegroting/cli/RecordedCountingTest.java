package nl.buurtbegroting.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: a file that records how it was counted (META tie_breaking and apply_category_caps, as the service's export
 * of a published election does) is counted that way by default; options on the command line still win.
 */
class RecordedCountingTest {

    /** a and b tie (2 votes each, same cost); c is capped by its category "groen" (cap 40). */
    private static String file(String extraMeta) {
        return """
                META
                key;value
                description;Vastgelegd
                num_projects;3
                num_votes;4
                budget;100
                vote_type;approval
                rule;greedy
                categories;groen,spel
                budget_per_category;40,100
                %sPROJECTS
                project_id;cost;votes;name;category
                a;30;2;A;spel
                b;30;2;B;spel
                c;50;3;C;groen
                VOTES
                voter_id;vote
                1;a,c
                2;b,c
                3;a,b,c
                4;b
                """.formatted(extraMeta);
    }

    private static Path write(Path dir, String text) throws IOException {
        Path f = dir.resolve("e.pb");
        Files.writeString(f, text);
        return f;
    }

    private static String selected(Cli.Result r) {
        assertEquals(0, r.code(), r.err());
        String flat = r.out().replaceAll("\\s", "");
        int at = flat.indexOf("\"selected\":[");
        return flat.substring(at + 11, flat.indexOf(']', at) + 1);
    }

    @Test
    void theRecordedTieBreakingAndCapsApplyByDefault(@TempDir Path dir) throws IOException {
        // Votes: b 3, c 3, a 2. Funding order b, c under id; c, b under id-desc; with caps c (50 > groen's 40) is out.
        Path plain = write(dir, file(""));
        assertEquals("[\"b\",\"c\"]", selected(Cli.run("allocate", plain.toString(), "--rule", "greedy", "--tie-break", "id",
                "--format", "json")));
        Path tie = write(dir, file("tie_breaking;id-desc\n"));
        assertEquals("[\"c\",\"b\"]", selected(Cli.run("allocate", tie.toString(), "--rule", "greedy", "--format", "json")));
        assertEquals("[\"b\",\"c\"]", selected(Cli.run("allocate", tie.toString(), "--rule", "greedy", "--tie-break", "id",
                "--format", "json")), "the command line wins");
        Path both = write(dir, file("tie_breaking;id-desc\napply_category_caps;true\n"));
        assertEquals("[\"b\",\"a\"]", selected(Cli.run("allocate", both.toString(), "--rule", "greedy", "--format", "json")));
    }
}
