package nl.buurtbegroting.service.election;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allocation rules an election may name, and which ballot formats each can count.
 * Phragmén shares the load of approvals, so it needs ballots without weights; the others also count
 * points.
 */
public final class RuleCatalog {

    private static final List<String> NAMES = List.of("greedy", "greedy-per-cost", "knapsack", "mes", "mes-add1", "phragmen");

    private RuleCatalog() {
    }

    /** The canonical name of a rule (accepting Pabulib spellings such as {@code mes_add1}), if known. */
    public static Optional<String> canonical(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("maxwelfare") || n.equals("max-welfare")) {
            n = "knapsack";
        }
        return NAMES.contains(n) ? Optional.of(n) : Optional.empty();
    }

    public static List<String> names() {
        return NAMES;
    }

    public static boolean fits(String rule, BallotFormat format) {
        return !"phragmen".equals(rule) || format.approvalLike();
    }
}
