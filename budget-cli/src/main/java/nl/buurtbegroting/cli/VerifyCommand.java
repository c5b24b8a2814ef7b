package nl.buurtbegroting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.Check;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.core.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify BUNDLE}: checks a published audit bundle offline (checksums, signature, the trusted key,
 * schemas, the event chain, the Merkle root, the ballots, and the outcome recomputed bit for bit) and,
 * with {@code --receipt}, that a resident's ballot is in it. One line per check, then a verdict. The exit
 * code is 0 when everything passed, else that of the first failing check (10-21, see
 * {@link Check#exitCode()}); 2 for a usage error and 3 when the bundle or receipt path does not exist.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = VerifyCommand.CheckList.class,
        description = {"Verifies a published audit bundle offline: every checksum, the Ed25519 signature, the signing"
                + " key, every file's schema, the event chain, the Merkle root of the ballots, that ballots are unique,"
                + " valid and as many as the codes used, and that the rule recomputes the outcome bit for bit.",
                "Give the municipality's published key fingerprint with --expect-key: without it a valid signature"
                        + " only shows that the bundle is unchanged since someone signed it, so the result is not a"
                        + " success (exit 13, KEY_TRUSTED) unless --no-key-check says so on purpose."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE",
            description = "The audit bundle: the .zip as published, or a directory holding its files.")
    Path bundle;

    @Option(names = "--receipt", paramLabel = "RECEIPT.json",
            description = "A resident's receipt: check that its ballot is included (RECEIPT_INCLUDED).")
    Path receipt;

    @Option(names = "--expect-key", paramLabel = "FINGERPRINT",
            description = "The published fingerprint of the signing key (SHA-256 of the raw Ed25519 public key,"
                    + " 64 hex digits; a 'sha256:' prefix and colons are allowed).")
    String expectKey;

    @Option(names = "--no-key-check",
            description = "Accept a bundle signed by any key (for a test or a bundle you signed yourself). Without"
                    + " this or --expect-key, a bundle that passes every other check still exits 13: anyone can"
                    + " re-sign an edited bundle with a new key.")
    boolean noKeyCheck;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        if (!Files.exists(bundle)) {
            throw CliException.invalidInput(bundle + ": no such file or directory");
        }
        if (expectKey != null && noKeyCheck) {
            throw new ParameterException(spec.commandLine(), "give either --expect-key or --no-key-check, not both");
        }
        if (expectKey != null && !normalise(expectKey).matches("[0-9a-f]{64}")) {
            throw new ParameterException(spec.commandLine(),
                    "--expect-key must be 64 hex digits (SHA-256 of the public key), not '" + expectKey + "'");
        }
        byte[] receiptBytes = null;
        if (receipt != null) {
            if (!Files.isRegularFile(receipt)) {
                throw CliException.invalidInput(receipt + ": no such file");
            }
            try {
                receiptBytes = Files.readAllBytes(receipt);
            } catch (IOException e) {
                throw CliException.invalidInput(receipt + ": cannot be read: " + e.getMessage());
            }
        }
        VerificationReport report = BundleVerifier.verify(bundle, new VerifyOptions(expectKey, receiptBytes));
        // Every other check passed, but nobody said which key may sign: an edited bundle re-signed with a new key
        // passes every check too, so this is not a success for a script (issue 11).
        boolean keyUnchecked = report.passed() && expectKey == null && !noKeyCheck;
        int exit = keyUnchecked ? Check.KEY_TRUSTED.exitCode() : report.exitCode();
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            Map<String, Object> json = new LinkedHashMap<>(report.toJson());
            if (keyUnchecked) {
                json.put("verified", false);
                json.put("exitCode", (long) exit);
                json.put("keyChecked", false);
            }
            out.println(JsonWriter.readable(json));
        } else {
            for (CheckResult r : report.results()) {
                out.println(r.line());
            }
            out.println(keyUnchecked ? UNCHECKED_KEY : report.summary());
        }
        out.flush();
        return exit;
    }

    static final String UNCHECKED_KEY = "NOT VERIFIED: every other check passed, but the signing key was not checked:"
            + " give --expect-key with the municipality's published fingerprint (or --no-key-check to accept any key)";

    private static String normalise(String fingerprint) {
        String f = fingerprint.strip().toLowerCase(Locale.ROOT);
        return (f.startsWith("sha256:") ? f.substring(7) : f).replace(":", "");
    }

    /** Lists every check with its exit code under the help, from {@link Check} itself so the two cannot drift. */
    static final class CheckList implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> lines = new ArrayList<>();
            for (Check c : Check.values()) {
                lines.add(String.format("  %3d  %-25s %s", c.exitCode(), c.name(), c.description()));
            }
            lines.add("The first failing check decides the exit code; 0 means every check passed or was skipped, and the key");
            lines.add("was checked with --expect-key or left unchecked on purpose with --no-key-check (else 13).");
            spec.usageMessage().footerHeading("%nChecks, in order, with the exit code when they fail:%n")
                    .footer(lines.toArray(new String[0]));
            return spec;
        }
    }
}
