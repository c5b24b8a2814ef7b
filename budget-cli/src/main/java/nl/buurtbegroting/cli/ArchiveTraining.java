package nl.buurtbegroting.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run bin/budget records its class-data-sharing archive from (once, before the first command): every
 * command on a small generated election, every rule, text and JSON, help and the usual errors, all output
 * discarded. The archive keeps exactly the classes a run loaded, so recording it from whatever command
 * happened to come first (often {@code --version}) left the reader and the rules out of it for good.
 * Not part of the tool's interface: {@code java -cp budget-cli.jar nl.buurtbegroting.cli.ArchiveTraining}.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Files.createTempFile("budget-training", ".pb");
        try {
            Files.writeString(file, election(40, 800), StandardCharsets.UTF_8);
            String pb = file.toString();
            List<String[]> runs = new ArrayList<>();
            for (String rule : RuleNames.labels()) {
                runs.add(new String[] {"allocate", "-r", rule, pb});
            }
            runs.add(new String[] {"allocate", "-r", "mes", "--format", "json", pb});
            runs.add(new String[] {"compare", pb});
            runs.add(new String[] {"validate", pb});
            runs.add(new String[] {"explain", "-r", "mes", "-p", "p7", pb});
            runs.add(new String[] {"allocate", "-r", "greedy", pb + ".missing"});
            runs.add(new String[] {"allocate", "--help"});
            runs.add(new String[] {"verify", pb + ".missing.zip"});
            runs.add(new String[] {"--version"});
            for (String[] run : runs) {
                picocli.CommandLine cl = BudgetCli.forArguments(run);
                cl.setOut(discard());
                cl.setErr(discard());
                cl.execute(run);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A Pabulib approval election with some of what real files hold: a quoted name, accents, blank line. */
    static String election(int projects, int voters) {
        StringBuilder sb = new StringBuilder("META\nkey;value\ndescription;training\nnum_projects;").append(projects)
                .append("\nnum_votes;").append(voters).append("\nbudget;").append(projects * 2500)
                .append("\nvote_type;approval\n\nPROJECTS\nproject_id;cost;name;category\n");
        for (int p = 0; p < projects; p++) {
            sb.append('p').append(p).append(';').append(1000 + p * 397 % 9000).append(";\"Pl\u00e9in ").append(p)
                    .append("\";").append(p % 3 == 0 ? "groen" : "sport").append('\n');
        }
        sb.append("VOTES\nvoter_id;vote\n");
        long seed = 42;
        for (int v = 0; v < voters; v++) {
            sb.append(v).append(';');
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int count = 1 + (int) ((seed >>> 33) % 6);
            for (int k = 0; k < count; k++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                sb.append(k == 0 ? "" : ",").append('p').append((seed >>> 33) % projects);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static PrintWriter discard() {
        return new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }
}
