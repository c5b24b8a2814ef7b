package nl.buurtbegroting.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.validation.BallotSubmission;

/**
 * A ballot as the bundle publishes it: what was chosen and nothing about who, when or how. Projects
 * are sorted (ordinal ballots keep their ranking), a cumulative ballot's points follow its projects.
 *
 * <p>The {@code nonce} is 128 random bits drawn when the ballot is cast. It makes two identical
 * choices two distinct leaves, so that a receipt proves <em>this</em> ballot is counted, not merely
 * some ballot with the same choices, and so that a dropped or duplicated ballot shows. It must never be
 * derived from the voting code.
 */
public record CanonicalBallot(String nonce, List<String> projects, List<Long> points) {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int NONCE_HEX_LENGTH = 32;

    public CanonicalBallot {
        if (nonce == null || !isNonce(nonce)) {
            throw new IllegalArgumentException("a ballot nonce is 32 lowercase hex digits");
        }
        projects = List.copyOf(projects);
        points = points == null ? null : List.copyOf(points);
        if (points != null && points.size() != projects.size()) {
            throw new IllegalArgumentException(projects.size() + " projects but " + points.size() + " points");
        }
    }

    static boolean isNonce(String s) {
        if (s.length() != NONCE_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A fresh nonce for a ballot being cast. */
    public static String randomNonce() {
        byte[] b = new byte[NONCE_HEX_LENGTH / 2];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * A nonce derived from a seed and the ballot's position, for ballots imported from a file, which had
     * none: reproducible, so the same import gives the same bundle. Not for ballots cast by residents.
     */
    public static String derivedNonce(String seed, int index) {
        byte[] h = Digest.sha256((seed + ":" + index).getBytes(StandardCharsets.UTF_8)).bytes();
        return HexFormat.of().formatHex(h, 0, NONCE_HEX_LENGTH / 2);
    }

    /** The published form of a model ballot. */
    public static CanonicalBallot of(Ballot ballot, String nonce) {
        if (ballot instanceof OrdinalBallot o) {
            return new CanonicalBallot(nonce, o.ranking(), null);
        }
        if (ballot instanceof CumulativeBallot c) {
            TreeMap<String, Long> sorted = new TreeMap<>(c.points());
            return new CanonicalBallot(nonce, new ArrayList<>(sorted.keySet()), new ArrayList<>(sorted.values()));
        }
        if (ballot instanceof ChooseOneBallot c) {
            return new CanonicalBallot(nonce, c.choice().isEmpty() ? List.of() : List.of(c.choice()), null);
        }
        return new CanonicalBallot(nonce, ballot.supported().stream().sorted().toList(), null);
    }

    /**
     * The published form of a ballot as submitted (after {@link nl.buurtbegroting.core.validation.BallotValidator}
     * accepted it): what the service stores needs no detour through a model ballot.
     */
    public static CanonicalBallot of(BallotSubmission submission, VoteType type, String nonce) {
        if (type == VoteType.ORDINAL) {
            return new CanonicalBallot(nonce, submission.projects(), null);
        }
        if (type == VoteType.CUMULATIVE) {
            TreeMap<String, Long> sorted = new TreeMap<>();
            for (int i = 0; i < submission.projects().size(); i++) {
                if (sorted.put(submission.projects().get(i), submission.points().get(i)) != null) {
                    throw new IllegalArgumentException("project " + submission.projects().get(i) + " is listed twice");
                }
            }
            return new CanonicalBallot(nonce, new ArrayList<>(sorted.keySet()), new ArrayList<>(sorted.values()));
        }
        return new CanonicalBallot(nonce, submission.projects().stream().distinct().sorted().toList(), null);
    }

    /** The model ballot for counting, of the election's ballot format. */
    public Ballot toBallot(VoteType type) {
        switch (type) {
            case CUMULATIVE: {
                Map<String, Long> map = new LinkedHashMap<>();
                for (int i = 0; i < projects.size(); i++) {
                    map.put(projects.get(i), points.get(i));
                }
                return new CumulativeBallot("", map, Map.of());
            }
            case CHOOSE_ONE:
                return new ChooseOneBallot("", projects.isEmpty() ? "" : projects.get(0), Map.of());
            case ORDINAL:
                return new OrdinalBallot("", projects, Map.of());
            default:
                return new ApprovalBallot("", new LinkedHashSet<>(projects), Map.of());
        }
    }

    /** The ballot as the validator takes it. */
    public BallotSubmission toSubmission() {
        return new BallotSubmission(projects, points);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nonce", nonce);
        m.put("projects", projects);
        if (points != null) {
            m.put("points", points);
        }
        return m;
    }

    /** The exact bytes that are hashed into the leaf (and appear, unchanged, inside ballots.json). */
    public byte[] canonicalBytes() {
        byte[] plain = plainBytes();
        return plain != null ? plain : CanonicalJson.write(toJson());
    }

    /**
     * The canonical bytes written straight out when no string needs escaping (printable ASCII without quote or
     * backslash: nonces always, project ids in practice); null otherwise, and the general writer takes over. A city's
     * 100,000 ballots are hashed several times on publication, and building a map per ballot for the general writer
     * was most of that. Members in canonical order: nonce, points, projects.
     */
    private byte[] plainBytes() {
        StringBuilder out = new StringBuilder(48 + projects.size() * 8);
        out.append("{\"nonce\":");
        if (!plain(nonce, out)) {
            return null;
        }
        if (points != null) {
            out.append(",\"points\":[");
            for (int i = 0; i < points.size(); i++) {
                Long p = points.get(i);
                if (p == null) {
                    return null;
                }
                out.append(i == 0 ? "" : ",").append(p.longValue());
            }
            out.append(']');
        }
        out.append(",\"projects\":[");
        for (int i = 0; i < projects.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (!plain(projects.get(i), out)) {
                return null;
            }
        }
        out.append("]}");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean plain(String s, StringBuilder out) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        out.append('"').append(s).append('"');
        return true;
    }

    /** {@code SHA-256(0x00 || canonicalBytes())}. */
    public Digest leafHash() {
        return MerkleTree.leafHash(canonicalBytes());
    }

    /** Reads one ballot; the project order must be the canonical one for the format. */
    static CanonicalBallot fromJson(Fields f, VoteType type) {
        String nonce = f.string("nonce");
        if (!isNonce(nonce)) {
            throw f.error("nonce", "a ballot nonce is 32 lowercase hex digits");
        }
        List<String> projects = f.strings("projects");
        List<Long> points = null;
        if (type == VoteType.CUMULATIVE) {
            List<?> raw = f.list("points");
            points = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                if (!(raw.get(i) instanceof Long l)) {
                    throw f.error("points[" + i + "]", "expected an integer");
                }
                points.add(l);
            }
            if (points.size() != projects.size()) {
                throw f.error("points", projects.size() + " projects but " + points.size() + " points");
            }
        }
        if (type != VoteType.ORDINAL) {
            for (int i = 1; i < projects.size(); i++) {
                if (projects.get(i - 1).compareTo(projects.get(i)) >= 0) {
                    throw f.error("projects", "project ids must be sorted and distinct (\"" + projects.get(i - 1)
                            + "\" before \"" + projects.get(i) + "\")");
                }
            }
        }
        f.done();
        return new CanonicalBallot(nonce, projects, points);
    }
}
