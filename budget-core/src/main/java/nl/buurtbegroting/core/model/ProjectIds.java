package nl.buurtbegroting.core.model;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of project ids in the order first given: what an {@link ApprovalBallot} approves.
 * A city's file has a hundred thousand ballots of a handful of ids each, and a {@link java.util.LinkedHashSet}
 * per ballot (a map, a table and an entry object per id) was most of the memory a read election took and
 * most of the work of the collector; this keeps one array. Small sets are searched in order (faster than
 * hashing for a few ids); larger ones also keep an open-addressing table of positions.
 */
public final class ProjectIds extends AbstractSet<String> {

    private static final ProjectIds EMPTY = new ProjectIds(new String[0], 0);
    /** Up to this many ids, {@link #contains} compares one by one. */
    private static final int LINEAR = 12;

    private final String[] ids;
    /** Position + 1 of each id by hash, 0 when free; null for small sets. */
    private final int[] table;

    private ProjectIds(String[] ids, int size) {
        this.ids = ids.length == size ? ids : Arrays.copyOf(ids, size);
        this.table = size > LINEAR ? table(this.ids) : null;
    }

    /**
     * The distinct ids of {@code ids} in their first order (a repeated id counts once). A {@code ProjectIds}
     * is returned as it is: it cannot change.
     */
    public static ProjectIds copyOf(Collection<String> ids) {
        if (ids instanceof ProjectIds same) {
            return same;
        }
        String[] array = ids.toArray(new String[0]);
        return distinct(array, 0, array.length);
    }

    /** The distinct ids of {@code ids[from, to)} in their first order; the array is copied. */
    public static ProjectIds copyOf(String[] ids, int from, int to) {
        Objects.checkFromToIndex(from, to, ids.length);
        return distinct(ids, from, to);
    }

    private static ProjectIds distinct(String[] ids, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return EMPTY;
        }
        String[] distinct = new String[n];
        int size = 0;
        if (n <= LINEAR) {
            for (int i = from; i < to; i++) {
                if (!containsBefore(distinct, size, ids[i])) {
                    distinct[size++] = ids[i];
                }
            }
        } else {
            Set<String> seen = new HashSet<>(n * 2);
            for (int i = from; i < to; i++) {
                if (seen.add(ids[i])) {
                    distinct[size++] = ids[i];
                }
            }
        }
        return new ProjectIds(distinct, size);
    }

    private static boolean containsBefore(String[] ids, int size, String id) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(ids[i], id)) {
                return true;
            }
        }
        return false;
    }

    private static int[] table(String[] ids) {
        int[] table = new int[Integer.highestOneBit(ids.length) * 4];
        int mask = table.length - 1;
        for (int i = 0; i < ids.length; i++) {
            int slot = spread(ids[i]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
        return table;
    }

    private static int spread(Object id) {
        int h = id == null ? 0 : id.hashCode();
        return h ^ (h >>> 16);
    }

    @Override
    public boolean contains(Object o) {
        if (table == null) {
            for (String id : ids) {
                if (Objects.equals(id, o)) {
                    return true;
                }
            }
            return false;
        }
        int mask = table.length - 1;
        for (int slot = spread(o) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            if (Objects.equals(ids[table[slot] - 1], o)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < ids.length;
            }

            @Override
            public String next() {
                if (next >= ids.length) {
                    throw new NoSuchElementException();
                }
                return ids[next++];
            }
        };
    }

    @Override
    public Object[] toArray() {
        return ids.clone();
    }
}
