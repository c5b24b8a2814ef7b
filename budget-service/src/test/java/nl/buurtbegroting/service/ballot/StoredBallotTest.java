package nl.buurtbegroting.service.ballot;

import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotSubmission;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The stored text keeps its bytes, and the published form built at cast time is the one the tally reads back. */
class StoredBallotTest {

    private static final byte[] NONCE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    private static Instance instance(VoteType type) {
        // Listed order differs from string order on purpose: "10" is listed after "9".
        List<Project> projects = List.of(Project.of("9", 10), Project.of("10", 20), Project.of("P-2", 30), Project.of("a.b_c", 40));
        return new Instance("Zuid", 100, projects, Map.of(), List.of(), BallotRules.of(type), Map.of());
    }

    @Test
    void theStoredTextListsProposalsInTheElectionsOrderAndLeavesOutZeroPoints() {
        assertEquals("{\"projects\":[\"9\",\"10\",\"a.b_c\"]}", StoredBallot.of(instance(VoteType.APPROVAL),
                new BallotSubmission(List.of("a.b_c", "10", "9"), null)).content());
        assertEquals("{\"projects\":[\"P-2\"]}", StoredBallot.of(instance(VoteType.CHOOSE_ONE),
                new BallotSubmission(List.of("P-2"), null)).content());
        assertEquals("{\"points\":{\"9\":3,\"10\":5}}", StoredBallot.of(instance(VoteType.CUMULATIVE),
                new BallotSubmission(List.of("10", "P-2", "9"), List.of(5L, 0L, 3L))).content());
        assertEquals("{\"projects\":[]}", StoredBallot.of(instance(VoteType.APPROVAL),
                new BallotSubmission(List.of(), null)).content());
    }

    @Test
    void thePublishedFormAtCastTimeIsTheOneReadBackFromTheStoredText() {
        List<StoredBallot> ballots = List.of(
                StoredBallot.of(instance(VoteType.APPROVAL), new BallotSubmission(List.of("a.b_c", "10", "9"), null)),
                StoredBallot.of(instance(VoteType.CHOOSE_ONE), new BallotSubmission(List.of("10"), null)),
                StoredBallot.of(instance(VoteType.CUMULATIVE), new BallotSubmission(List.of("10", "P-2", "9"), List.of(5L, 0L, 3L))),
                StoredBallot.of(instance(VoteType.APPROVAL), new BallotSubmission(List.of(), null)));
        for (StoredBallot b : ballots) {
            CanonicalBallot atCast = b.published(NONCE);
            CanonicalBallot readBack = StoredBallot.read(b.content(), NONCE);
            assertEquals(atCast, readBack, b.content());
            assertArrayEquals(atCast.leafHash().bytes(), readBack.leafHash().bytes());
        }
        CanonicalBallot cumulative = ballots.get(2).published(NONCE);
        assertEquals(List.of("10", "9"), cumulative.projects(), "published projects are sorted as strings");
        assertEquals(List.of(5L, 3L), cumulative.points());
        assertEquals("{\"nonce\":\"00112233445566778899aabbccddeeff\",\"points\":[5,3],\"projects\":[\"10\",\"9\"]}",
                new String(cumulative.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void readingRefusesTextThatIsNoStoredBallot() {
        assertThrows(IllegalArgumentException.class, () -> StoredBallot.read("{\"votes\":[]}", NONCE));
        assertThrows(IllegalArgumentException.class, () -> StoredBallot.read("{\"projects\":[\"1\"]", NONCE));
        assertThrows(IllegalArgumentException.class, () -> StoredBallot.read("{\"projects\":[]}", new byte[8]));
    }

    @Test
    void theDirectReadingOfApprovalTextsGivesWhatTheParserGives() {
        List<String> texts = new java.util.ArrayList<>(List.of("{\"projects\":[]}", "{\"projects\":[\"9\",\"10\",\"a.b_c\"]}",
                "{\"projects\":[\"P-2\"]}", "{\"projects\":[\"\"]}"));
        String edits = "\",]}[{\\ a\u00e9\t";
        for (String text : List.copyOf(texts)) {
            for (int i = 0; i < text.length(); i++) {
                for (char e : edits.toCharArray()) {
                    texts.add(text.substring(0, i) + e + text.substring(i + 1));
                    texts.add(text.substring(0, i) + e + text.substring(i));
                }
                texts.add(text.substring(0, i) + text.substring(i + 1));
            }
        }
        int direct = 0;
        for (String text : texts) {
            List<String> ids = StoredBallot.approvedIds(text);
            if (ids == null) {
                continue;
            }
            direct++;
            java.util.Map<String, Object> parsed = nl.buurtbegroting.core.json.JsonParser.object(
                    nl.buurtbegroting.core.json.JsonParser.STANDARD.parse("test", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(Map.of("projects", ids), parsed, text);
        }
        assertEquals(true, direct >= 4, "the four stored texts are read directly");
    }
}
