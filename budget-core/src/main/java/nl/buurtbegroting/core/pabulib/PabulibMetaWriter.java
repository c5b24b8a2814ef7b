package nl.buurtbegroting.core.pabulib;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.VoteType;

/**
 * The META section {@link PabulibWriter} writes: every key of {@link Instance#meta()} in order, with the keys that
 * describe the election made to agree with the typed fields (a value already there that means the same is kept as
 * written, a different one replaced in place, a missing one appended), and the keys that no longer apply removed.
 */
final class PabulibMetaWriter {

    private PabulibMetaWriter() {
    }

    static Map<String, String> meta(Instance instance, int voters) {
        LinkedHashMap<String, String> meta = new LinkedHashMap<>(instance.meta());
        if (!instance.name().isEmpty()) {
            meta.put("description", instance.name());
        }
        agree(meta, "num_projects", instance.projects().size(), v -> v == instance.projects().size(), false);
        agree(meta, "num_votes", voters, v -> v == voters, false);
        agree(meta, "budget", instance.budget(), v -> v == instance.budget(), true);
        String type = meta.get("vote_type");
        if (type == null || VoteType.fromPabulib(type).orElse(null) != instance.voteType()) {
            meta.put("vote_type", instance.voteType().pabulibName());
        }
        BallotRules rules = instance.ballotRules();
        limit(meta, "min_length", rules.minLength() == null ? null : rules.minLength().longValue());
        limit(meta, "max_length", rules.maxLength() == null ? null : rules.maxLength().longValue());
        limit(meta, "min_sum_cost", rules.minSumCost());
        limit(meta, "max_sum_cost", rules.maxSumCost());
        limit(meta, "min_points", rules.minPoints());
        limit(meta, "max_points", rules.maxPoints());
        limit(meta, "min_sum_points", rules.minSumPoints());
        limit(meta, "max_sum_points", rules.maxSumPoints());
        categoryCaps(meta, instance.categoryCaps());
        incompatibleGroups(meta, instance.incompatibleGroups());
        return meta;
    }

    /** Keeps the written form when it already denotes the value (the reader rounds down where {@code floor}). */
    private static void agree(Map<String, String> meta, String key, long value, LongPredicate same, boolean floor) {
        Long current = parse(meta.get(key), floor);
        if (current == null || !same.test(current)) {
            meta.put(key, Long.toString(value));
        }
    }

    private static void limit(Map<String, String> meta, String key, Long value) {
        if (value == null) {
            String raw = meta.get(key);
            if (raw != null && !raw.isBlank()) {
                meta.remove(key);
            }
            return;
        }
        agree(meta, key, value, v -> v == value, false);
    }

    private static Long parse(String raw, boolean floor) {
        if (raw == null) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(raw.strip());
            if (v.precision() - v.scale() > 18) {
                return null;
            }
            BigDecimal whole = v.stripTrailingZeros();
            if (whole.scale() > 0) {
                if (!floor) {
                    return null;
                }
                whole = whole.setScale(0, RoundingMode.FLOOR);
            }
            return whole.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Always the instance's groups, so an edited election never keeps the groups of the file it came from. */
    private static void incompatibleGroups(Map<String, String> meta, List<Set<String>> groups) {
        if (groups.isEmpty()) {
            meta.remove(PabulibMeta.INCOMPATIBLE_GROUPS);
            return;
        }
        List<String> written = new ArrayList<>();
        for (Set<String> group : groups) {
            for (String id : group) {
                if (id.indexOf(',') >= 0 || id.indexOf('|') >= 0) {
                    throw new IllegalArgumentException("project id " + id + " holds a comma or |, which "
                            + PabulibMeta.INCOMPATIBLE_GROUPS + " cannot write");
                }
            }
            written.add(String.join(",", group));
        }
        meta.put(PabulibMeta.INCOMPATIBLE_GROUPS, String.join("|", written));
    }

    private static void categoryCaps(Map<String, String> meta, Map<String, Long> caps) {
        if (caps.isEmpty()) {
            meta.remove("budget_per_category");
            return;
        }
        String raw = meta.get("budget_per_category");
        List<String> categories = split(meta.getOrDefault("categories", ""));
        if (raw != null && sameCaps(raw, categories, caps)) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (categories.equals(new ArrayList<>(caps.keySet()))) {
            caps.values().forEach(v -> parts.add(Long.toString(v)));
        } else {
            caps.forEach((category, v) -> parts.add(category + ":" + v));
        }
        meta.put("budget_per_category", String.join(",", parts));
    }

    private static boolean sameCaps(String raw, List<String> categories, Map<String, Long> caps) {
        List<String> entries = split(raw);
        Map<String, Long> read = new LinkedHashMap<>();
        boolean named = !entries.isEmpty() && entries.stream().allMatch(e -> e.indexOf(':') > 0);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String category;
            Long amount;
            if (named) {
                int colon = entry.lastIndexOf(':');
                category = entry.substring(0, colon).strip();
                amount = parse(entry.substring(colon + 1), true);
            } else {
                if (i >= categories.size()) {
                    return false;
                }
                category = categories.get(i);
                amount = parse(entry, true);
            }
            read.put(category, amount);
        }
        return read.equals(caps) && new ArrayList<>(read.keySet()).equals(new ArrayList<>(caps.keySet()));
    }

    private static List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw.split(",", -1)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
