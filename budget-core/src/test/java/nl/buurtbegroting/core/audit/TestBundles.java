package nl.buurtbegroting.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * Real elections turned into bundle inputs, signed with fixed keys so that every build is reproducible.
 * The keys are the RFC 8032 §7.1 test keys: public knowledge, never to be used for real bundles.
 */
final class TestBundles {

    static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 §7.1 TEST 1. */
    static final SigningKey KEY = SigningKey.fromSeed("test-2026-01",
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
            HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));

    /** RFC 8032 §7.1 TEST 2: "another key", e.g. a forger's. */
    static final SigningKey OTHER_KEY = SigningKey.fromSeed("test-2026-01",
            HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
            HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));

    static final String ASSEN = "Netherlands_Assen_2024.pb";

    private TestBundles() {
    }

    static Election read(String file) {
        try {
            return PabulibReader.read(Path.of(TestBundles.class.getResource("/pabulib/instances/" + file).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static BundleInput input(String file, RuleName rule, int minimumVoters) {
        return input(read(file), file, rule, minimumVoters);
    }

    /** A bundle input for an election read from {@code file} (its name seeds the nonces). */
    static BundleInput input(Election election, String file, RuleName rule, int minimumVoters) {
        RuleOptions options = RuleOptions.withTieBreaking(TieBreaking.parse("id"));
        Outcome outcome = rule.create(options).allocate(election);
        int n = election.profile().size();
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nonces.add(CanonicalBallot.derivedNonce(file, i));
        }
        List<AuditEvent> events = List.of(
                new AuditEvent(1, "ELECTION_CREATED", "2024-02-01", "organiser", Map.of("budget", election.instance().budget())),
                new AuditEvent(2, "CODES_ISSUED", "2024-03-20T10:00:00Z", "organiser", Map.of("batch", "import", "count", (long) n)),
                new AuditEvent(3, "VOTING_OPENED", "2024-03-31T07:00:00Z", "organiser", Map.of()),
                new AuditEvent(4, "VOTING_CLOSED", "2024-04-15T21:00:00Z", "organiser", Map.of("ballots", (long) n)),
                new AuditEvent(5, "TALLIED", "2024-04-16T09:30:00Z", "organiser", Map.of("rule", rule.label())),
                new AuditEvent(6, "PUBLISHED", "2024-05-02", "organiser", Map.of("councilDecision", "RB-2024-117")));
        BallotCounts counts = new BallotCounts(List.of(new BallotCounts.CodeBatch("import", n + 10L, n)),
                Map.of("online", (long) n - n / 4, "paper", (long) n / 4));
        ElectionInfo info = new ElectionInfo("assen-2024", "Assen Top Idee", "Assen", "EUR", "RB-2024-117");
        return new BundleInput(info, election, nonces, rule, options, outcome, events, counts, "0.1.0-test", minimumVoters);
    }

    static BundleInput assen() {
        return input(ASSEN, RuleName.GREEDY, 10);
    }

    static AuditBundle build(BundleInput input) {
        return new BundleBuilder(KEY).build(input);
    }

    static VerifyOptions trusting() {
        return VerifyOptions.expectingKey(KEY.fingerprint());
    }
}
