package nl.buurtbegroting.service.ballot;

import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.json.JsonException;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotSubmission;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A ballot that passed the validator, in the two forms the service keeps of it.
 *
 * <ul>
 *   <li>{@code content}: the text stored in the {@code ballot} table, so equal choices are equal strings
 *       whatever order they were sent in: proposals in the election's listed order;
 *       {@code {"projects":["3","7"]}} for approval, knapsack and choose-one ballots,
 *       {@code {"points":{"3":5,"7":2}}} for cumulative ones (proposals given 0 points left out).</li>
 *   <li>{@link #published(byte[])}: budget-core's {@link CanonicalBallot}, the form the audit bundle publishes
 *       (projects sorted, with the ballot's 16-byte random nonce as 32 hex digits). Its leaf hash is the
 *       commitment a receipt carries (docs/verification.md §2.3): the nonce makes two identical ballots
 *       commit to different values, and the receipt's inclusion proof leads from it to the bundle's root.</li>
 * </ul>
 *
 * At cast time the published form is built from the checked choices directly; the tally reads the stored text
 * back once, with {@link #read}, into the same published form.
 *
 * @param choices the checked choices with proposals given 0 points left out, in the election's listed order
 */
public record StoredBallot(String content, BallotSubmission choices, VoteType type) {

    /** The stored forms of a submission that passed the validator of {@code instance}. */
    public static StoredBallot of(Instance instance, BallotSubmission submission) {
        Map<String, Integer> order = instance.projectIndex();
        boolean cumulative = instance.voteType() == VoteType.CUMULATIVE;
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < submission.projects().size(); i++) {
            if (!cumulative || submission.points().get(i) != 0) {
                positions.add(i);
            }
        }
        positions.sort(Comparator.comparing(i -> order.get(submission.projects().get(i))));
        List<String> ids = positions.stream().map(submission.projects()::get).toList();
        // The validator admits only the election's proposal codes ([A-Za-z0-9._-]), which no JSON escape touches.
        StringBuilder out = new StringBuilder(64);
        if (cumulative) {
            List<Long> points = positions.stream().map(submission.points()::get).toList();
            out.append("{\"points\":{");
            for (int k = 0; k < ids.size(); k++) {
                out.append(k > 0 ? "," : "").append(JsonWriter.quote(ids.get(k), true)).append(':').append(points.get(k));
            }
            return new StoredBallot(out.append("}}").toString(), new BallotSubmission(ids, points), VoteType.CUMULATIVE);
        }
        // The members stay in listed order, which canonical JSON (members sorted by name) would not keep.
        out.append("{\"projects\":[");
        for (int k = 0; k < ids.size(); k++) {
            out.append(k > 0 ? "," : "").append(JsonWriter.quote(ids.get(k), true));
        }
        return new StoredBallot(out.append("]}").toString(), new BallotSubmission(ids, null), instance.voteType());
    }

    /** The ballot as the bundle will publish it, with the nonce stored beside it. */
    public CanonicalBallot published(byte[] nonce) {
        return CanonicalBallot.of(choices, type, nonceHex(nonce));
    }

    /** The published form of a stored ballot: its content text and its 16 nonce bytes. */
    public static CanonicalBallot read(String content, byte[] nonce) {
        String nonceHex = nonceHex(nonce);
        List<String> approved = approvedIds(content);
        if (approved != null) {
            return CanonicalBallot.of(new BallotSubmission(approved, null), VoteType.APPROVAL, nonceHex);
        }
        Map<String, Object> map;
        try {
            map = JsonParser.object(JsonParser.STANDARD.parse("stored ballot", content.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonException e) {
            throw new IllegalArgumentException("a stored ballot is not JSON: " + e.getMessage(), e);
        }
        if (map.size() == 1 && map.get("points") instanceof Map<?, ?> points) {
            List<String> ids = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            for (Map.Entry<?, ?> e : points.entrySet()) {
                ids.add((String) e.getKey());
                values.add(((Number) e.getValue()).longValue());
            }
            return CanonicalBallot.of(new BallotSubmission(ids, values), VoteType.CUMULATIVE, nonceHex);
        }
        if (map.size() == 1 && map.get("projects") instanceof List<?> projects) {
            List<String> ids = new ArrayList<>();
            projects.forEach(p -> ids.add((String) p));
            return CanonicalBallot.of(new BallotSubmission(ids, null), VoteType.APPROVAL, nonceHex);
        }
        throw new IllegalArgumentException("a stored ballot is an object with projects or points");
    }

    /**
     * The ids of a {@code {"projects":[..]}} text as {@link #of} writes it (ids without escapes), read without the
     * general parser: the tally reads a city's 100,000 of them. Null for anything else, which the parser reads.
     */
    static List<String> approvedIds(String content) {
        String head = "{\"projects\":[";
        if (!content.startsWith(head) || !content.endsWith("]}")) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        int end = content.length() - 2;
        int p = head.length();
        while (p < end) {
            if (content.charAt(p) != '"') {
                return null;
            }
            int start = ++p;
            for (char c; p < end && (c = content.charAt(p)) != '"'; p++) {
                if (c < 0x20 || c > 0x7e || c == '\\') {
                    return null;
                }
            }
            if (p == end) {
                return null;
            }
            ids.add(content.substring(start, p++));
            // After an id: the end, or a comma and another id.
            if (p < end && (content.charAt(p++) != ',' || p == end)) {
                return null;
            }
        }
        return ids;
    }

    /** Every stored ballot of an election in published form, in no particular order. */
    public static List<CanonicalBallot> readAll(Connection c, long electionId) throws SQLException {
        List<CanonicalBallot> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT content, nonce FROM ballot WHERE election_id = ?")) {
            s.setLong(1, electionId);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r.getString(1), r.getBytes(2)));
                }
            }
        }
        return out;
    }

    private static String nonceHex(byte[] nonce) {
        if (nonce.length != CanonicalBallot.NONCE_HEX_LENGTH / 2) {
            throw new IllegalArgumentException("a stored ballot nonce has 16 bytes, not " + nonce.length);
        }
        return HexFormat.of().formatHex(nonce);
    }
}
