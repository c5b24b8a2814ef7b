package nl.buurtbegroting.core.rules;

import java.util.Arrays;

/**
 * Groups identical ballots (the same projects with the same weights) with a count, in the order their
 * first copy came. An open-addressing table over the ballots' contents: a ballot is hashed and compared
 * where it lies in the caller's scratch arrays, and copied only when it starts a new group, so a city's
 * hundred thousand ballots with a few thousand distinct ones allocate a few thousand arrays.
 */
final class BallotGroups {

    private int[][] projects = new int[64][];
    private long[][] weights = new long[64][];
    private long[] counts = new long[64];
    private int[] hashes = new int[64];
    private int size;
    /** Slot -> group + 1 (0: empty). */
    private int[] table = new int[128];

    /** Counts the ballot held in ps[0, k) and ws[0, k). */
    void add(int[] ps, long[] ws, int k) {
        int h = hash(ps, ws, k);
        int mask = table.length - 1;
        int i = h & mask;
        while (table[i] != 0) {
            int g = table[i] - 1;
            if (hashes[g] == h && same(g, ps, ws, k)) {
                counts[g]++;
                return;
            }
            i = (i + 1) & mask;
        }
        if (size == projects.length) {
            int grown = size * 2;
            projects = Arrays.copyOf(projects, grown);
            weights = Arrays.copyOf(weights, grown);
            counts = Arrays.copyOf(counts, grown);
            hashes = Arrays.copyOf(hashes, grown);
        }
        projects[size] = Arrays.copyOf(ps, k);
        weights[size] = Arrays.copyOf(ws, k);
        counts[size] = 1;
        hashes[size] = h;
        table[i] = ++size;
        if (2 * size > table.length) {
            rehash();
        }
    }

    int[][] projects() {
        return Arrays.copyOf(projects, size);
    }

    long[][] weights() {
        return Arrays.copyOf(weights, size);
    }

    long[] counts() {
        return Arrays.copyOf(counts, size);
    }

    private boolean same(int g, int[] ps, long[] ws, int k) {
        return projects[g].length == k && Arrays.equals(projects[g], 0, k, ps, 0, k)
                && Arrays.equals(weights[g], 0, k, ws, 0, k);
    }

    private static int hash(int[] ps, long[] ws, int k) {
        int h = k;
        for (int j = 0; j < k; j++) {
            h = 31 * h + ps[j];
            h = 31 * h + Long.hashCode(ws[j]);
        }
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int g = 0; g < size; g++) {
            int i = hashes[g] & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = g + 1;
        }
    }
}
