package nl.buurtbegroting.core.pabulib;

import java.util.HashSet;
import java.util.Set;

/**
 * The voter ids seen so far, to refuse a second ballot from the same voter. Most published files number
 * their voters, so an id written as a plain decimal number (no sign, no leading zero, at most 18 digits)
 * is kept as that number in an open-addressing table; any other id as a string. The two never meet: a
 * plain number has exactly one way to be written, so "7" and "07" stay different voters, as strings are.
 */
final class VoterIds {

    private long[] numbers = new long[1024];
    private int numberCount;
    private final Set<String> others = new HashSet<>();

    /** Adds the id; false when it was there already. */
    boolean add(String id) {
        long n = plainNumber(id);
        return n < 0 ? others.add(id) : addNumber(n + 1);
    }

    private static long plainNumber(String s) {
        int length = s.length();
        if (length == 0 || length > 18 || (s.charAt(0) == '0' && length > 1)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** key > 0 (0 marks an empty slot). */
    private boolean addNumber(long key) {
        if (2 * (numberCount + 1) > numbers.length) {
            long[] old = numbers;
            numbers = new long[old.length * 2];
            for (long k : old) {
                if (k != 0) {
                    insert(k);
                }
            }
        }
        if (!insert(key)) {
            return false;
        }
        numberCount++;
        return true;
    }

    private boolean insert(long key) {
        int mask = numbers.length - 1;
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (numbers[i] != 0) {
            if (numbers[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        numbers[i] = key;
        return true;
    }
}
