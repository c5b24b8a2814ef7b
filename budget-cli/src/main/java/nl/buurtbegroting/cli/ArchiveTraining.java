package nl.buurtbegroting.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.AuditEvent;
import nl.buurtbegroting.core.audit.BallotCounts;
import nl.buurtbegroting.core.audit.BundleBuilder;
import nl.buurtbegroting.core.audit.BundleInput;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.audit.ElectionInfo;
import nl.buurtbegroting.core.audit.SigningKey;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;

/**
 * The run bin/budget records its class-data-sharing archive from (once, before the first command): every
 * command on a small generated election, every rule, text and JSON, verify on a signed bundle of it, help
 * and the usual errors, all output discarded. The archive keeps exactly the classes a run loaded, so recording it from whatever command
 * happened to come first (often {@code --version}) left the reader and the rules out of it for good.
 * Not part of the tool's interface: {@code java -cp budget-cli.jar nl.buurtbegroting.cli.ArchiveTraining}.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Files.createTempFile("budget-training", ".pb");
        Path zip = Files.createTempFile("budget-training", ".zip");
        try {
            Files.writeString(file, election(40, 800), StandardCharsets.UTF_8);
            Files.write(zip, bundle(PabulibReader.read(file)).toZip());
            String pb = file.toString();
            // each run with the exit code it must end with: a run that fails differently trained nothing
            Map<String[], Integer> runs = new LinkedHashMap<>();
            for (String rule : RuleNames.labels()) {
                runs.put(new String[] {"allocate", "-r", rule, pb}, ExitCodes.OK);
            }
            runs.put(new String[] {"allocate", "-r", "mes", "--format", "json", pb}, ExitCodes.OK);
            runs.put(new String[] {"compare", pb}, ExitCodes.OK);
            runs.put(new String[] {"validate", pb}, ExitCodes.OK);
            runs.put(new String[] {"explain", "-r", "mes", "-p", "p7", pb}, ExitCodes.OK);
            runs.put(new String[] {"verify", zip.toString(), "--no-key-check"}, ExitCodes.OK);
            runs.put(new String[] {"verify", pb + ".missing.zip"}, ExitCodes.INVALID_INPUT);
            runs.put(new String[] {"allocate", "-r", "greedy", pb + ".missing"}, ExitCodes.INVALID_INPUT);
            runs.put(new String[] {"allocate", "--help"}, ExitCodes.OK);
            runs.put(new String[] {"--version"}, ExitCodes.OK);
            for (Map.Entry<String[], Integer> run : runs.entrySet()) {
                picocli.CommandLine cl = BudgetCli.forArguments(run.getKey());
                cl.setOut(discard());
                cl.setErr(discard());
                int code = cl.execute(run.getKey());
                if (code != run.getValue()) {
                    throw new IllegalStateException("training run " + String.join(" ", run.getKey()) + " exited with "
                            + code + ", not " + run.getValue());
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(zip);
        }
    }

    /** A signed audit bundle of the election (a fresh key: only its verification is trained). */
    private static AuditBundle bundle(Election election) throws IOException {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            RuleOptions options = RuleOptions.defaults();
            Outcome outcome = RuleName.MES.create(options).allocate(election);
            int n = election.profile().size();
            List<String> nonces = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nonces.add(CanonicalBallot.derivedNonce("training", i));
            }
            List<AuditEvent> events = List.of(
                    new AuditEvent(1, "ELECTION_CREATED", "2026-01-01", "organiser", Map.of("budget", election.instance().budget())),
                    new AuditEvent(2, "VOTING_CLOSED", "2026-02-01T12:00:00Z", "organiser", Map.of("ballots", (long) n)),
                    new AuditEvent(3, "TALLIED", "2026-02-02T12:00:00Z", "organiser", Map.of("rule", RuleName.MES.label())));
            BallotCounts counts = new BallotCounts(List.of(new BallotCounts.CodeBatch("training", n, n)), Map.of("online", (long) n));
            ElectionInfo info = new ElectionInfo("training", "Training", "Nowhere", "EUR", "none");
            return new BundleBuilder(SigningKey.of("training", pair)).build(
                    new BundleInput(info, election, nonces, RuleName.MES, options, outcome, events, counts, "training", 0));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
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
