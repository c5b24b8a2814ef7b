package nl.buurtbegroting.service.ballot;

import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotSubmission;
import nl.buurtbegroting.service.signing.ReceiptSigner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A valid ballot in one canonical text, so equal choices are equal strings whatever order they were sent
 * in: proposals in the election's listed order; {@code {"projects":["3","7"]}} for approval, knapsack and
 * choose-one ballots, {@code {"points":{"3":5,"7":2}}} for cumulative ones (proposals given 0 points left
 * out).
 *
 * <p>The commitment a receipt carries is the ballot's leaf hash in the published audit bundle
 * (docs/verification.md §2.3): {@code SHA-256(0x00 ‖ canonical JSON of {"nonce", "projects"[, "points"]})},
 * with the 16-byte random nonce as 32 hex digits ({@link ReceiptSigner#leafHash}). The nonce makes two
 * identical ballots commit to different values, and the published ballot with its nonce lets anyone
 * recompute it; the receipt's inclusion proof leads from it to the bundle's Merkle root.
 */
public final class StoredBallot {

    private StoredBallot() {
    }

    /** The canonical text of a submission that passed the validator. */
    public static String of(Instance instance, BallotSubmission submission) {
        Map<String, Integer> order = instance.projectIndex();
        StringBuilder out = new StringBuilder(64);
        if (instance.voteType() == VoteType.CUMULATIVE) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < submission.projects().size(); i++) {
                if (submission.points().get(i) != 0) {
                    positions.add(i);
                }
            }
            positions.sort(Comparator.comparing(i -> order.get(submission.projects().get(i))));
            out.append("{\"points\":{");
            for (int k = 0; k < positions.size(); k++) {
                int i = positions.get(k);
                if (k > 0) {
                    out.append(',');
                }
                appendString(out, submission.projects().get(i));
                out.append(':').append(submission.points().get(i));
            }
            return out.append("}}").toString();
        }
        List<String> ids = new ArrayList<>(submission.projects());
        ids.sort(Comparator.comparing(order::get));
        out.append("{\"projects\":[");
        for (int k = 0; k < ids.size(); k++) {
            if (k > 0) {
                out.append(',');
            }
            appendString(out, ids.get(k));
        }
        return out.append("]}").toString();
    }

    /** The commitment of a stored ballot: its leaf hash in the audit bundle. */
    public static byte[] commitment(long electionId, byte[] nonce, String content) {
        return ReceiptSigner.leafHash(content, nonce);
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
