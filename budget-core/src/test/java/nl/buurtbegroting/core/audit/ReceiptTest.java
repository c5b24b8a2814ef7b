package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.buurtbegroting.core.audit.CheckResult.Status;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A resident's receipt: signed at voting, completed with its inclusion proof after publication. */
class ReceiptTest {

    private static BundleInput input;
    private static AuditBundle bundle;
    private static BallotTree tree;
    private static List<CanonicalBallot> cast;

    @BeforeAll
    static void publish() {
        input = TestBundles.assen();
        bundle = TestBundles.build(input);
        tree = BundleBuilder.ballotTree(input);
        cast = BundleBuilder.canonicalBallots(input);
    }

    private static Receipt completed(int castIndex) {
        Receipt atVoting = Receipt.issue("assen-2024", cast.get(castIndex), TestBundles.KEY);
        return atVoting.withInclusion(tree.proof(atVoting.leafHash()).orElseThrow());
    }

    private static CheckResult verify(byte[] receipt) {
        VerificationReport r = BundleVerifier.verify(bundle, TestBundles.trusting().withReceipt(receipt));
        return r.result(Check.RECEIPT_INCLUDED).orElseThrow();
    }

    @Test
    void aReceiptsInclusionProofVerifies() {
        for (int i : new int[] {0, 1, 41, 83}) {
            CheckResult r = verify(completed(i).toJson());
            assertEquals(Status.PASS, r.status(), r.verdict());
        }
        VerificationReport all = BundleVerifier.verify(bundle, TestBundles.trusting().withReceipt(completed(7).toJson()));
        assertTrue(all.passed(), all.summary());
    }

    @Test
    void theProofMatchesTheBallotsPositionInTheBundle() {
        Receipt r = completed(12);
        CanonicalBallot atIndex = tree.ballots().get((int) r.inclusion().leafIndex());
        assertEquals(cast.get(12), atIndex);
        assertEquals(tree.size(), r.inclusion().treeSize());
    }

    @Test
    void aWrongProofFails() {
        Receipt mine = completed(3);
        Receipt other = completed(4);
        CheckResult r = verify(mine.withInclusion(other.inclusion()).toJson());
        assertEquals(Status.FAIL, r.status());
        assertEquals(21, r.check().exitCode());
        InclusionProof p = mine.inclusion();
        List<Digest> path = new java.util.ArrayList<>(p.path());
        path.set(0, Digest.sha256("x".getBytes()));
        assertEquals(Status.FAIL, verify(mine.withInclusion(new InclusionProof(p.leafIndex(), p.treeSize(), path)).toJson()).status());
        assertEquals(Status.FAIL, verify(mine.withInclusion(new InclusionProof(p.leafIndex(), p.treeSize() + 1, path)).toJson()).status());
    }

    @Test
    void aBallotThatWasNotCountedHasNoProof() {
        CanonicalBallot dropped = new CanonicalBallot(CanonicalBallot.randomNonce(), List.of("3", "9"), null);
        assertTrue(tree.proof(dropped.leafHash()).isEmpty());
        Receipt signed = Receipt.issue("assen-2024", dropped, TestBundles.KEY);
        CheckResult r = verify(signed.withInclusion(completed(0).inclusion()).toJson());
        assertEquals(Status.FAIL, r.status(), "a signed receipt without a matching leaf is evidence of a lost ballot");
        assertEquals(Status.FAIL, verify(signed.toJson()).status(), "no proof yet");
    }

    @Test
    void aReceiptMustBeSignedByTheBundlesKeyForThisElection() {
        Receipt forged = Receipt.issue("assen-2024", cast.get(2), TestBundles.OTHER_KEY);
        forged = forged.withInclusion(tree.proof(forged.leafHash()).orElseThrow());
        assertEquals(Status.FAIL, verify(forged.toJson()).status());
        Receipt elsewhere = Receipt.issue("zwolle-2026", cast.get(2), TestBundles.KEY);
        elsewhere = elsewhere.withInclusion(tree.proof(elsewhere.leafHash()).orElseThrow());
        CheckResult r = verify(elsewhere.toJson());
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.verdict().contains("zwolle-2026"), r.verdict());
    }

    @Test
    void anEditedBallotOnTheReceiptIsRefused() {
        String json = new String(completed(5).toJson(), StandardCharsets.UTF_8);
        String edited = json.replaceFirst("\"projects\":\\[\"", "\"projects\":[\"0");
        CheckResult r = verify(edited.getBytes(StandardCharsets.UTF_8));
        assertEquals(Status.FAIL, r.status(), r.verdict());
    }

    @Test
    void aResavedReceiptStillVerifies() {
        String pretty = new String(completed(9).toJson(), StandardCharsets.UTF_8).replace(",", ",\n  ").replace(":", ": ");
        CheckResult r = verify(pretty.getBytes(StandardCharsets.UTF_8));
        assertEquals(Status.PASS, r.status(), r.verdict());
        assertEquals(completed(9), Receipt.parse(pretty.getBytes(StandardCharsets.UTF_8), VoteType.APPROVAL));
    }

    @Test
    void receiptsWorkWhenTheBallotsAreWithheld() {
        BundleInput small = TestBundles.input(TestBundles.ASSEN, RuleName.GREEDY, 100);
        AuditBundle withheld = TestBundles.build(small);
        Receipt r = Receipt.issue("assen-2024", BundleBuilder.canonicalBallots(small).get(0), TestBundles.KEY);
        r = r.withInclusion(BundleBuilder.ballotTree(small).proof(r.leafHash()).orElseThrow());
        VerificationReport report = BundleVerifier.verify(withheld, TestBundles.trusting().withReceipt(r.toJson()));
        assertEquals(Status.PASS, report.result(Check.RECEIPT_INCLUDED).orElseThrow().status(), report.summary());
    }

    @Test
    void garbageIsAFailedCheckNotAnException() {
        assertEquals(Status.FAIL, verify("not json".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(Status.FAIL, verify("{}".getBytes(StandardCharsets.UTF_8)).status());
        assertThrows(BundleFormatException.class, () -> Receipt.parse("[]".getBytes(StandardCharsets.UTF_8), VoteType.APPROVAL));
    }
}
