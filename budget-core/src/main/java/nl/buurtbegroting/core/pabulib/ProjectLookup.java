package nl.buurtbegroting.core.pabulib;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Project ids by the text of a vote entry, found without cutting the entry out of the vote: an open
 * addressing table keyed by {@link String#hashCode()}, computed over the entry in place. Returns the
 * stored id string itself, so every ballot shares one copy per project.
 */
final class ProjectLookup {

    private final String[] ids;
    private final int[] hashes;
    /** Each id's bytes when it is ASCII (an ASCII vote entry can only equal such an id), else null. */
    private final byte[][] asciiIds;
    private final int mask;

    ProjectLookup(Collection<String> projectIds) {
        int size = Integer.highestOneBit(Math.max(4, projectIds.size() * 2 + 1)) * 2;
        ids = new String[size];
        hashes = new int[size];
        asciiIds = new byte[size][];
        mask = size - 1;
        for (String id : projectIds) {
            int h = id.hashCode();
            int i = spread(h) & mask;
            while (ids[i] != null) {
                i = (i + 1) & mask;
            }
            ids[i] = id;
            hashes[i] = h;
            asciiIds[i] = ascii(id);
        }
    }

    private static byte[] ascii(String id) {
        for (int k = 0; k < id.length(); k++) {
            if (id.charAt(k) >= 0x80) {
                return null;
            }
        }
        return id.getBytes(StandardCharsets.US_ASCII);
    }

    /** The id equal to s[from, to), or null. */
    String find(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + s.charAt(k);
        }
        int length = to - from;
        for (int i = spread(h) & mask; ids[i] != null; i = (i + 1) & mask) {
            String id = ids[i];
            if (hashes[i] == h && id.length() == length && s.regionMatches(from, id, 0, length)) {
                return id;
            }
        }
        return null;
    }

    /** {@link String#hashCode()} of the ASCII bytes b[from, to) read as characters. */
    static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + b[k];
        }
        return h;
    }

    /** The id whose characters are the ASCII bytes b[from, to), whose {@link #hash} is h; or null. */
    String find(byte[] b, int from, int to, int h) {
        int length = to - from;
        for (int i = spread(h) & mask; ids[i] != null; i = (i + 1) & mask) {
            byte[] ascii = asciiIds[i];
            if (hashes[i] == h && ascii != null && ascii.length == length
                    && Arrays.equals(ascii, 0, length, b, from, to)) {
                return ids[i];
            }
        }
        return null;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
