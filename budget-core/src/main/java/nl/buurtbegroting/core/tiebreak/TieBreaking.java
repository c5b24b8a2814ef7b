package nl.buurtbegroting.core.tiebreak;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.model.Project;

/**
 * How a rule chooses between projects that are equally good by its own measure. A policy turns the
 * projects into one strict order (a rank per project, 0 first); a rule consults it only on ties and
 * records every tie that decided something, together with {@link #spec()}, in the outcome.
 *
 * <p>Policies, by the name the CLI and the API use:
 * <ul>
 *   <li>{@code default}: more support first, then lower cost, then the order in which projects are listed;</li>
 *   <li>{@code id}: the smallest project id as a string first (plain character order, so "10" before "9");
 *       the policy of the Pabulib reference outcomes;</li>
 *   <li>{@code id-desc}: the largest project id as a string first;</li>
 *   <li>{@code given:ID,ID,...}: a given order (projects not listed follow in listed order);</li>
 *   <li>{@code random:SEED}: a reproducible shuffle: projects ordered by SHA-256 of {@code SEED + ":" + id}.</li>
 * </ul>
 */
public sealed interface TieBreaking permits TieBreaking.SupportThenCost, TieBreaking.ById, TieBreaking.GivenOrder,
        TieBreaking.SeededRandom {

    /** The policy as text, parseable by {@link #parse(String)}. */
    String spec();

    /** A comparator on project positions, given each project's support; the smaller wins. */
    Comparator<Integer> comparator(List<Project> projects, long[] support);

    /** The rank of each project (0 = preferred), a strict total order. */
    default int[] ranks(List<Project> projects, long[] support) {
        Integer[] order = new Integer[projects.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> c = comparator(projects, support).thenComparingInt(i -> i);
        Arrays.sort(order, c);
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    static TieBreaking defaultPolicy() {
        return new SupportThenCost();
    }

    static TieBreaking parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.isEmpty() || lower.equals("default")) {
            return new SupportThenCost();
        }
        if (lower.equals("id")) {
            return new ById(false);
        }
        if (lower.equals("id-desc")) {
            return new ById(true);
        }
        if (lower.startsWith("given:")) {
            List<String> ids = new ArrayList<>();
            for (String id : t.substring(6).split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            return new GivenOrder(ids);
        }
        if (lower.startsWith("random:")) {
            try {
                return new SeededRandom(Long.parseLong(t.substring(7).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("random tie-breaking needs an integer seed, as in random:42");
            }
        }
        throw new IllegalArgumentException("unknown tie-breaking policy '" + t
                + "'; use default, id, id-desc, given:ID,ID,... or random:SEED");
    }

    /** More support first, then lower cost, then listed order. */
    record SupportThenCost() implements TieBreaking {
        public String spec() {
            return "default";
        }

        public Comparator<Integer> comparator(List<Project> projects, long[] support) {
            return Comparator.<Integer>comparingLong(i -> -support[i])
                    .thenComparingLong(i -> projects.get(i).cost())
                    .thenComparingInt(i -> i);
        }
    }

    /** Project id as a string, smallest first (or largest first when {@code descending}). */
    record ById(boolean descending) implements TieBreaking {
        public String spec() {
            return descending ? "id-desc" : "id";
        }

        public Comparator<Integer> comparator(List<Project> projects, long[] support) {
            Comparator<Integer> c = Comparator.comparing(i -> projects.get(i).id());
            return descending ? c.reversed() : c;
        }
    }

    /** A fixed order of project ids; unlisted projects follow in their listed order. */
    record GivenOrder(List<String> order) implements TieBreaking {
        public GivenOrder {
            order = List.copyOf(order);
        }

        public String spec() {
            return "given:" + String.join(",", order);
        }

        public Comparator<Integer> comparator(List<Project> projects, long[] support) {
            Map<String, Integer> pos = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                pos.putIfAbsent(order.get(i), i);
            }
            return Comparator.<Integer>comparingInt(i -> pos.getOrDefault(projects.get(i).id(), Integer.MAX_VALUE))
                    .thenComparingInt(i -> i);
        }
    }

    /** A reproducible shuffle by SHA-256 of {@code seed + ":" + id}; the seed is part of the spec. */
    record SeededRandom(long seed) implements TieBreaking {
        public String spec() {
            return "random:" + seed;
        }

        public Comparator<Integer> comparator(List<Project> projects, long[] support) {
            byte[][] keys = new byte[projects.size()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = sha256(seed + ":" + projects.get(i).id());
            }
            return (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]);
        }

        private static byte[] sha256(String s) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
            }
        }
    }
}
