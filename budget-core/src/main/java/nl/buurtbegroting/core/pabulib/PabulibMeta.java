package nl.buurtbegroting.core.pabulib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * The META section of a Pabulib file: every key in file order with the line it came from, and what the
 * reader takes from it (budget, vote type, ballot limits, category caps, incompatible groups, declared counts).
 */
final class PabulibMeta {

    /** The META key of incompatible project groups. */
    static final String INCOMPATIBLE_GROUPS = "incompatible_groups";

    private final String source;
    final LinkedHashMap<String, String> meta = new LinkedHashMap<>();
    private final Map<String, Integer> metaLines = new HashMap<>();
    long budget;
    VoteType voteType;

    PabulibMeta(String source) {
        this.source = source;
    }

    /** One META row; a key may appear once. */
    void put(String key, String value, int line) {
        if (key.isEmpty()) {
            throw error(ErrorCode.EMPTY_ID, line, "key", "a META row has an empty key");
        }
        Integer earlier = metaLines.putIfAbsent(key, line);
        if (earlier != null) {
            throw error(ErrorCode.DUPLICATE_META_KEY, line, key, "META key " + key + " already set on line " + earlier);
        }
        meta.put(key, value);
    }

    void interpret() {
        String rawBudget = meta.get("budget");
        if (rawBudget == null) {
            throw error(ErrorCode.MISSING_BUDGET, 0, "budget", "META has no budget");
        }
        budget = PabulibNumbers.amount(source, rawBudget, metaLines.get("budget"), "budget", true);
        String rawType = meta.get("vote_type");
        if (rawType == null) {
            throw error(ErrorCode.MISSING_VOTE_TYPE, 0, "vote_type",
                    "META has no vote_type; add one of approval, choose-1, cumulative, ordinal");
        }
        voteType = VoteType.fromPabulib(rawType).orElseThrow(() -> error(ErrorCode.UNKNOWN_VOTE_TYPE,
                metaLines.get("vote_type"), "vote_type",
                "'" + rawType + "' is not a vote type read here; expected approval, choose-1, cumulative or ordinal"));
    }

    /** The ballot limits of META, checked against each other. */
    BallotRules rules() {
        for (String pair : List.of("length", "sum_cost", "points", "sum_points")) {
            Long min = optionalAmount("min_" + pair);
            Long max = optionalAmount("max_" + pair);
            if (min != null && max != null && min > max) {
                throw error(ErrorCode.INVALID_LIMITS, metaLines.get("min_" + pair), "min_" + pair,
                        "min_" + pair + " " + min + " is above max_" + pair + " " + max + " (line "
                                + metaLines.get("max_" + pair) + ")");
            }
        }
        try {
            return new BallotRules(voteType, optionalLength("min_length"), optionalLength("max_length"),
                    optionalAmount("min_sum_cost"), optionalAmount("max_sum_cost"),
                    optionalAmount("min_points"), optionalAmount("max_points"),
                    optionalAmount("min_sum_points"), optionalAmount("max_sum_points"));
        } catch (IllegalArgumentException e) {
            throw error(ErrorCode.INVALID_LIMITS, 0, "", "the ballot limits in META contradict each other: " + e.getMessage());
        }
    }

    private Long optionalAmount(String key) {
        String raw = meta.get(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return PabulibNumbers.amount(source, raw, metaLines.get(key), key, false);
    }

    private Integer optionalLength(String key) {
        Long v = optionalAmount(key);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE) {
            throw error(ErrorCode.INVALID_NUMBER, metaLines.get(key), key, "'" + meta.get(key) + "' is too large");
        }
        return v.intValue();
    }

    void checkCount(String key, int actual) {
        String raw = meta.get(key);
        if (raw == null) {
            return;
        }
        long declared = PabulibNumbers.amount(source, raw, metaLines.get(key), key, false);
        if (declared != actual) {
            throw error(ErrorCode.COUNT_MISMATCH, metaLines.get(key), key, key + " is " + declared + " but "
                    + (key.equals("num_projects") ? "PROJECTS" : "VOTES") + " has " + actual
                    + " rows (a truncated or edited file?)");
        }
    }

    /**
     * {@code budget_per_category} either lists amounts in the order of the META {@code categories}
     * (as the Amsterdam files do) or names them: {@code green:1000,play:2000}.
     */
    Map<String, Long> categoryCaps() {
        String raw = meta.get("budget_per_category");
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        int line = metaLines.get("budget_per_category");
        List<String> entries = PabulibNumbers.list(raw);
        Map<String, Long> caps = new LinkedHashMap<>();
        boolean named = entries.stream().allMatch(e -> e.indexOf(':') > 0);
        if (named) {
            for (String entry : entries) {
                int colon = entry.lastIndexOf(':');
                String category = entry.substring(0, colon).strip();
                if (caps.put(category, PabulibNumbers.amount(source, entry.substring(colon + 1), line, "budget_per_category", true)) != null) {
                    throw error(ErrorCode.INVALID_CATEGORY_CAPS, line, "budget_per_category",
                            "category " + category + " has two caps");
                }
            }
            return caps;
        }
        List<String> categories = PabulibNumbers.list(meta.getOrDefault("categories", ""));
        if (categories.size() != entries.size() || new HashSet<>(categories).size() != categories.size()) {
            throw error(ErrorCode.INVALID_CATEGORY_CAPS, line, "budget_per_category", "budget_per_category has "
                    + entries.size() + " amounts but META categories names " + categories.size()
                    + " distinct categories; give one amount per category, or write category:amount pairs");
        }
        for (int i = 0; i < entries.size(); i++) {
            caps.put(categories.get(i), PabulibNumbers.amount(source, entries.get(i), line, "budget_per_category", true));
        }
        return caps;
    }

    /**
     * {@code incompatible_groups} (a Buurtbegroting key other readers ignore): groups of project ids of which at
     * most one may be funded, groups separated by {@code |}, ids within a group by commas: {@code 3,4|7,8,9}.
     * A group names at least two distinct projects of the file; groups may overlap.
     */
    List<Set<String>> incompatibleGroups(Set<String> projectIds) {
        String raw = meta.get(INCOMPATIBLE_GROUPS);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        int line = metaLines.get(INCOMPATIBLE_GROUPS);
        List<Set<String>> groups = new ArrayList<>();
        String[] parts = raw.split("\\|", -1);
        for (int g = 0; g < parts.length; g++) {
            Set<String> group = new LinkedHashSet<>();
            for (String id : PabulibNumbers.list(parts[g])) {
                if (!projectIds.contains(id)) {
                    throw error(ErrorCode.INVALID_INCOMPATIBLE_GROUPS, line, INCOMPATIBLE_GROUPS, "group " + (g + 1)
                            + " names project " + id + ", which is not in PROJECTS");
                }
                if (!group.add(id)) {
                    throw error(ErrorCode.INVALID_INCOMPATIBLE_GROUPS, line, INCOMPATIBLE_GROUPS, "group " + (g + 1)
                            + " names project " + id + " twice");
                }
            }
            if (group.size() < 2) {
                throw error(ErrorCode.INVALID_INCOMPATIBLE_GROUPS, line, INCOMPATIBLE_GROUPS, "group " + (g + 1)
                        + " names " + group.size() + " project" + (group.size() == 1 ? "" : "s")
                        + "; a group needs at least two project ids separated by commas (groups are separated by |)");
            }
            groups.add(group);
        }
        return groups;
    }

    private PabulibFormatException error(ErrorCode code, Integer line, String field, String detail) {
        return PabulibNumbers.error(source, code, line, field, detail);
    }
}
