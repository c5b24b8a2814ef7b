package nl.buurtbegroting.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import nl.buurtbegroting.core.model.VoteType;

/**
 * {@code ballots.json} read straight from its bytes when it has the one shape a builder writes: every ballot
 * {@code {"nonce":"..","points":[..],"projects":[..]}} (points for cumulative ballots only), strings of printable
 * ASCII without quote or backslash, integers in their shortest spelling, projects sorted and distinct (ordinal
 * ballots keep their ranking). Such a file is canonical JSON by construction, and each ballot's bytes in it are
 * its {@link CanonicalBallot#canonicalBytes()}, so they are hashed into the leaf where they lie.
 *
 * <p>A city's file holds 100,000 ballots; the general way (parse to maps, write back to prove the spelling
 * canonical, read each ballot through {@link Fields}, write each again to hash it) was most of verification
 * besides the rule. Anything else, well-formed or not, gets {@code null} here and goes the general way, which
 * accepts the same files with the same ballots and names what is wrong in the others.
 */
final class BallotsFile {

    private static final byte[] HEAD = ascii("{\"ballots\":[");
    private static final byte[] TAIL = ascii("]}\n");
    private static final byte[] NONCE = ascii("{\"nonce\":\"");
    private static final byte[] POINTS = ascii("\",\"points\":[");
    private static final byte[] PROJECTS_AFTER_NONCE = ascii("\",\"projects\":[");
    private static final byte[] PROJECTS_AFTER_POINTS = ascii("],\"projects\":[");

    /** The ballots in file order and the leaf hash of each. */
    record Read(List<CanonicalBallot> ballots, List<Digest> leaves) {
    }

    private final byte[] b;
    private int p;

    private BallotsFile(byte[] b) {
        this.b = b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The ballots of a file in the builder's shape, or null for any other file. */
    static Read readPlain(byte[] file, VoteType type) {
        return file == null ? null : new BallotsFile(file).read(type);
    }

    private Read read(VoteType type) {
        if (!skip(HEAD)) {
            return null;
        }
        List<CanonicalBallot> ballots = new ArrayList<>();
        List<Digest> leaves = new ArrayList<>();
        MessageDigest md = Digest.newSha256();
        if (at(p) != ']') {
            while (true) {
                int start = p;
                CanonicalBallot ballot = ballot(type);
                if (ballot == null) {
                    return null;
                }
                ballots.add(ballot);
                leaves.add(MerkleTree.leafHash(md, b, start, p - start));
                if (at(p) != ',') {
                    break;
                }
                p++;
            }
        }
        return skip(TAIL) && p == b.length ? new Read(ballots, leaves) : null;
    }

    private CanonicalBallot ballot(VoteType type) {
        if (!skip(NONCE) || p + CanonicalBallot.NONCE_HEX_LENGTH > b.length) {
            return null;
        }
        String nonce = new String(b, p, CanonicalBallot.NONCE_HEX_LENGTH, StandardCharsets.ISO_8859_1);
        if (!CanonicalBallot.isNonce(nonce)) {
            return null;
        }
        p += CanonicalBallot.NONCE_HEX_LENGTH;
        List<Long> points = null;
        if (type == VoteType.CUMULATIVE) {
            if (!skip(POINTS)) {
                return null;
            }
            points = new ArrayList<>();
            for (boolean more = at(p) != ']'; more; more = comma()) {
                Long n = integer();
                if (n == null) {
                    return null;
                }
                points.add(n);
            }
            if (!skip(PROJECTS_AFTER_POINTS)) {
                return null;
            }
        } else if (!skip(PROJECTS_AFTER_NONCE)) {
            return null;
        }
        List<String> projects = new ArrayList<>();
        for (boolean more = at(p) != ']'; more; more = comma()) {
            String s = string();
            if (s == null) {
                return null;
            }
            projects.add(s);
        }
        if (at(p) != ']' || at(p + 1) != '}') {
            return null;
        }
        p += 2;
        if (points != null && points.size() != projects.size()) {
            return null;
        }
        if (type != VoteType.ORDINAL) {
            for (int i = 1; i < projects.size(); i++) {
                if (projects.get(i - 1).compareTo(projects.get(i)) >= 0) {
                    return null;
                }
            }
        }
        return new CanonicalBallot(nonce, projects, points);
    }

    /** A string with no escapes and only printable ASCII, which canonical JSON writes as it is. */
    private String string() {
        if (at(p) != '"') {
            return null;
        }
        int start = ++p;
        while (true) {
            int c = at(p);
            if (c == '"') {
                break;
            }
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return null;
            }
            p++;
        }
        String s = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
        p++;
        return s;
    }

    /** An integer in its only canonical spelling: no leading zeros, no "-0", within a long. */
    private Long integer() {
        boolean negative = at(p) == '-';
        if (negative) {
            p++;
        }
        int first = at(p);
        if (first < '0' || first > '9' || first == '0' && (negative || isDigit(at(p + 1)))) {
            return null;
        }
        long value = 0;
        while (isDigit(at(p))) {
            int digit = at(p) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return null;
            }
            value = value * 10 + digit;
            p++;
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Passes over a comma: after one, another element must follow. */
    private boolean comma() {
        if (at(p) != ',') {
            return false;
        }
        p++;
        return true;
    }

    /** The byte at {@code i} (0 to 255), or -1 past the end. */
    private int at(int i) {
        return i < b.length ? b[i] & 0xff : -1;
    }

    private boolean skip(byte[] expected) {
        if (p + expected.length > b.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[p + i] != expected[i]) {
                return false;
            }
        }
        p += expected.length;
        return true;
    }
}
