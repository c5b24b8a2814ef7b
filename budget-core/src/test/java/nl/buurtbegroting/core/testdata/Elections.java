package nl.buurtbegroting.core.testdata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;

/**
 * Bundled Pabulib elections, read once per test run, as the reference outcomes see them: budget,
 * costs and ballots only. Per-category budgets from META (Amsterdam's {@code budget_per_category})
 * are dropped, because the reference rules do not apply them.
 */
public final class Elections {
    private static final Map<String, Election> CACHE = new ConcurrentHashMap<>();

    private Elections() {
    }

    public static Election bundled(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try {
                Election e = PabulibReader.read(ReferenceData.instance(f));
                return new Election(e.instance().withCategoryCaps(Map.of()).withIncompatibleGroups(java.util.List.of()),
                        e.profile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
