package nl.buurtbegroting.service.voting;

import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotSubmission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * <p>The commitment a receipt carries is {@code SHA-256("buurtbegroting-ballot-v1" ‖ 0x00 ‖ electionId ‖
 * 0x00 ‖ nonce ‖ content)} with the election id in decimal ASCII, a 16-byte random nonce and the content in
 * UTF-8: the nonce makes two identical ballots commit to different values, and the published ballot with
 * its nonce lets anyone recompute it.
 */
public final class CanonicalBallot {

    static final String DOMAIN = "buurtbegroting-ballot-v1";

    private CanonicalBallot() {
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

    /** The commitment of a stored ballot. */
    public static byte[] commitment(long electionId, byte[] nonce, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOMAIN.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(Long.toString(electionId).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(nonce);
            return sha.digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
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
