package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.AuditEvent;
import nl.buurtbegroting.core.audit.BallotCounts;
import nl.buurtbegroting.core.audit.BallotTree;
import nl.buurtbegroting.core.audit.BundleBuilder;
import nl.buurtbegroting.core.audit.BundleInput;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.audit.Check;
import nl.buurtbegroting.core.audit.ElectionInfo;
import nl.buurtbegroting.core.audit.Receipt;
import nl.buurtbegroting.core.audit.SigningKey;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The RFC 8032 §7.1 TEST 1 key: public, for tests only. */
    private static final SigningKey KEY = SigningKey.fromSeed("test-key",
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
            HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));

    @TempDir
    static Path dir;
    private static Path zip;
    private static BundleInput input;

    @BeforeAll
    static void publish() throws IOException {
        Election election = PabulibReader.read(Path.of(Cli.file("pabulib/Netherlands_Assen_2024.pb")));
        RuleOptions options = RuleOptions.withTieBreaking(TieBreaking.parse("id"));
        int n = election.profile().size();
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nonces.add(CanonicalBallot.derivedNonce("assen", i));
        }
        input = new BundleInput(new ElectionInfo("assen-2024", "Assen Top Idee", "Assen", "EUR", null), election, nonces,
                RuleName.KNAPSACK, options, RuleName.KNAPSACK.create(options).allocate(election),
                List.of(new AuditEvent(1, "ELECTION_CREATED", "2024-02-01", "organiser", Map.of()),
                        new AuditEvent(2, "PUBLISHED", "2024-05-02", "organiser", Map.of())),
                new BallotCounts(List.of(new BallotCounts.CodeBatch("A", n, n)), Map.of("online", (long) n)), "test", 10);
        AuditBundle bundle = new BundleBuilder(KEY).build(input);
        zip = dir.resolve("assen.zip");
        Files.write(zip, bundle.toZip());
        bundle.writeDirectory(dir.resolve("assen"));
    }

    @Test
    void aGoodBundlePrintsOneLinePerCheckAndExitsWith0() {
        Cli.Result r = Cli.run("verify", zip.toString(), "--expect-key", KEY.fingerprint());
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertEquals(Check.values().length + 1, lines.length, r.out());
        assertTrue(lines[1].matches("PASS +CHECKSUMS +all 6 files match"), lines[1]);
        assertTrue(lines[11].startsWith("SKIPPED RECEIPT_INCLUDED"), lines[11]);
        assertEquals("VERIFIED: every check passed; not done: RECEIPT_INCLUDED", lines[12]);
    }

    @Test
    void aDirectoryVerifiesLikeTheZip() {
        Cli.Result r = Cli.run("verify", dir.resolve("assen").toString(), "--no-key-check");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("SKIPPED KEY_TRUSTED"), r.out());
    }

    @Test
    void withoutAnExpectedKeyAForgeryReSignedWithANewKeyIsNotASuccess(@TempDir Path tmp) throws Exception {
        // The forger's bundle: every check passes, only the key is another one.
        SigningKey forger = SigningKey.of("forger", java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        Path forged = tmp.resolve("forged.zip");
        Files.write(forged, new BundleBuilder(forger).build(input).toZip());
        Cli.Result r = Cli.run("verify", forged.toString());
        assertEquals(13, r.code(), r.out());
        assertTrue(r.out().strip().endsWith(VerifyCommand.UNCHECKED_KEY), r.out());
        Cli.Result json = Cli.run("verify", forged.toString(), "--format", "json");
        assertEquals(13, json.code());
        assertTrue(json.out().contains("\"verified\": false"), json.out());
        // Said on purpose, it is accepted; with the real fingerprint it fails as before.
        assertEquals(0, Cli.run("verify", forged.toString(), "--no-key-check").code());
        assertEquals(13, Cli.run("verify", forged.toString(), "--expect-key", KEY.fingerprint()).code());
        assertEquals(ExitCodes.USAGE, Cli.run("verify", forged.toString(), "--no-key-check", "--expect-key",
                KEY.fingerprint()).code());
    }

    @Test
    void anotherKeyFailsKeyTrustedWithItsExitCode() {
        Cli.Result r = Cli.run("verify", zip.toString(), "--expect-key", "sha256:" + "ab".repeat(32));
        assertEquals(13, r.code(), r.out());
        assertTrue(r.out().contains("FAIL    KEY_TRUSTED"), r.out());
        assertTrue(r.out().endsWith("\n") && r.out().contains("REJECTED: KEY_TRUSTED failed"), r.out());
    }

    @Test
    void anEditedFileFailsChecksums(@TempDir Path tmp) throws IOException {
        AuditBundle.read(zip).writeDirectory(tmp);
        Path counts = tmp.resolve("counts.json");
        Files.writeString(counts, Files.readString(counts).replace("\"online\":84", "\"online\":85"));
        Cli.Result r = Cli.run("verify", tmp.toString());
        assertEquals(11, r.code(), r.out());
        assertTrue(r.out().contains("FAIL    BALLOTS_MATCH_USED_CODES"), r.out());
    }

    @Test
    void aReceiptIsCheckedAndAWrongProofExitsWith21(@TempDir Path tmp) throws IOException {
        List<CanonicalBallot> cast = BundleBuilder.canonicalBallots(input);
        BallotTree tree = BundleBuilder.ballotTree(input);
        Receipt mine = Receipt.issue("assen-2024", cast.get(10), KEY);
        mine = mine.withInclusion(tree.proof(mine.leafHash()).orElseThrow());
        Path good = tmp.resolve("receipt.json");
        Files.write(good, mine.toJson());
        Cli.Result ok = Cli.run("verify", zip.toString(), "--receipt", good.toString(), "--expect-key", KEY.fingerprint());
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().contains("PASS    RECEIPT_INCLUDED"), ok.out());

        Receipt other = Receipt.issue("assen-2024", cast.get(11), KEY);
        Path wrong = tmp.resolve("wrong.json");
        Files.write(wrong, mine.withInclusion(tree.proof(other.leafHash()).orElseThrow()).toJson());
        Cli.Result bad = Cli.run("verify", zip.toString(), "--receipt", wrong.toString(), "--no-key-check");
        assertEquals(21, bad.code(), bad.out());
    }

    @Test
    void jsonOutputCarriesEveryCheck() {
        Cli.Result r = Cli.run("verify", zip.toString(), "--format", "json", "--no-key-check");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"verified\": true"), r.out());
        for (Check c : Check.values()) {
            assertTrue(r.out().contains("\"" + c.name() + "\""), c.name());
        }
    }

    @Test
    void aMissingBundleOrReceiptIsAnInputError(@TempDir Path tmp) {
        assertEquals(ExitCodes.INVALID_INPUT, Cli.run("verify", tmp.resolve("nope.zip").toString()).code());
        assertEquals(ExitCodes.INVALID_INPUT, Cli.run("verify", zip.toString(), "--receipt", tmp.resolve("r.json").toString()).code());
    }

    @Test
    void aDamagedZipExitsWith10(@TempDir Path tmp) throws IOException {
        Path damaged = tmp.resolve("damaged.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length - 30] ^= 0x40;
        Files.write(damaged, bytes);
        Cli.Result r = Cli.run("verify", damaged.toString());
        assertEquals(10, r.code(), r.out());
        assertTrue(r.out().startsWith("FAIL    FILES_PRESENT"), r.out());
    }

    @Test
    void aMalformedFingerprintIsAUsageError() {
        Cli.Result r = Cli.run("verify", zip.toString(), "--expect-key", "abc");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("64 hex digits"), r.err());
    }

    @Test
    void everyCheckExitsWithinTheRangeTheToolReserves() {
        for (Check c : Check.values()) {
            assertTrue(c.exitCode() >= ExitCodes.FIRST_CHECK && c.exitCode() <= ExitCodes.LAST_CHECK, c.name());
        }
        assertEquals(ExitCodes.FIRST_CHECK, Check.values()[0].exitCode());
        assertEquals(ExitCodes.LAST_CHECK, Check.values()[Check.values().length - 1].exitCode());
    }

    @Test
    void helpListsEveryCheckWithItsExitCode() {
        Cli.Result r = Cli.run("verify", "--help");
        assertEquals(0, r.code());
        for (Check c : Check.values()) {
            assertTrue(r.out().contains(c.exitCode() + "  " + c.name()), c.name() + " in\n" + r.out());
        }
        assertTrue(new String(r.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains("--expect-key"));
    }
}
