package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotSubmission;
import org.junit.jupiter.api.Test;

class CanonicalBallotTest {

    private static final String NONCE = "00112233445566778899aabbccddeeff";

    private static String json(CanonicalBallot b) {
        return new String(b.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void approvalBallotsListTheirProjectsSorted() {
        CanonicalBallot b = CanonicalBallot.of(ApprovalBallot.of("9", "10", "2"), NONCE);
        assertEquals("{\"nonce\":\"" + NONCE + "\",\"projects\":[\"10\",\"2\",\"9\"]}", json(b));
        assertEquals(b, CanonicalBallot.of(BallotSubmission.approval("2", "9", "10"), VoteType.APPROVAL, NONCE));
    }

    @Test
    void cumulativeBallotsKeepPointsNextToTheirProjects() {
        Map<String, Long> points = new LinkedHashMap<>();
        points.put("b", 3L);
        points.put("a", 7L);
        CanonicalBallot b = CanonicalBallot.of(CumulativeBallot.of(points), NONCE);
        assertEquals("{\"nonce\":\"" + NONCE + "\",\"points\":[7,3],\"projects\":[\"a\",\"b\"]}", json(b));
        assertEquals(b, CanonicalBallot.of(BallotSubmission.cumulative(List.of("b", "a"), List.of(3L, 7L)),
                VoteType.CUMULATIVE, NONCE));
        assertEquals(CumulativeBallot.of(Map.of("a", 7L, "b", 3L)).points(), ((CumulativeBallot) b.toBallot(VoteType.CUMULATIVE)).points());
    }

    @Test
    void ordinalBallotsKeepTheirRanking() {
        CanonicalBallot b = CanonicalBallot.of(new OrdinalBallot("", List.of("c", "a", "b"), Map.of()), NONCE);
        assertEquals(List.of("c", "a", "b"), b.projects());
    }

    @Test
    void aBlankChooseOneBallotChoosesNothing() {
        assertEquals(List.of(), CanonicalBallot.of(ChooseOneBallot.of(""), NONCE).projects());
        assertEquals(List.of("4"), CanonicalBallot.of(ChooseOneBallot.of("4"), NONCE).projects());
    }

    @Test
    void theNonceMakesIdenticalChoicesDistinctLeaves() {
        CanonicalBallot a = CanonicalBallot.of(ApprovalBallot.of("1"), CanonicalBallot.randomNonce());
        CanonicalBallot b = CanonicalBallot.of(ApprovalBallot.of("1"), CanonicalBallot.randomNonce());
        assertNotEquals(a.leafHash(), b.leafHash());
        assertEquals(MerkleTree.leafHash(a.canonicalBytes()), a.leafHash());
    }

    @Test
    void refusesMalformedNonces() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalBallot.of(ApprovalBallot.of("1"), "ABC"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalBallot.of(ApprovalBallot.of("1"), NONCE.toUpperCase()));
        assertEquals(32, CanonicalBallot.derivedNonce("seed", 3).length());
        assertEquals(CanonicalBallot.derivedNonce("seed", 3), CanonicalBallot.derivedNonce("seed", 3));
    }

    @Test
    void writesTheSameBytesAsTheGeneralCanonicalWriterForEveryKindOfId() {
        // Ids that the direct writer takes (plain ASCII) and ones it hands to the general writer (quote, backslash,
        // control characters, accents, emoji, the edges of printable ASCII).
        List<String> ids = List.of("1", "p001", "A-b_c.9", " ", "~", "!", "q\"uote", "back\\slash", "tab\there",
                "nl\n", "\u007f", "caf\u00e9", "\ud83c\udf33", "\u0000", "z");
        java.util.SplittableRandom random = new java.util.SplittableRandom(16);
        int plain = 0;
        for (int n = 0; n < 2_000; n++) {
            java.util.TreeMap<String, Long> chosen = new java.util.TreeMap<>();
            int size = random.nextInt(6);
            for (int k = 0; k < size; k++) {
                chosen.put(ids.get(random.nextInt(ids.size())), random.nextLong(-3, Long.MAX_VALUE));
            }
            List<String> projects = List.copyOf(chosen.keySet());
            CanonicalBallot approval = new CanonicalBallot(NONCE, projects, null);
            CanonicalBallot cumulative = new CanonicalBallot(NONCE, projects, List.copyOf(chosen.values()));
            for (CanonicalBallot b : List.of(approval, cumulative)) {
                byte[] general = nl.buurtbegroting.core.audit.CanonicalJson.write(b.toJson());
                assertEquals(new String(general, java.nio.charset.StandardCharsets.UTF_8),
                        new String(b.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8));
                org.junit.jupiter.api.Assertions.assertArrayEquals(general, b.canonicalBytes());
                if (projects.stream().allMatch(p -> p.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'))) {
                    plain++;
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(plain > 500, "the direct path was exercised " + plain + " times");
    }
}
