package nl.buurtbegroting.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

final class Attributes {
    private Attributes() {
    }

    static Map<String, String> copy(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
