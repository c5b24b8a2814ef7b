package nl.buurtbegroting.service.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A posted HTML form ({@code application/x-www-form-urlencoded}), read by hand so that repeated fields
 * (checkboxes) keep every value in order. At most 2,000 fields; a field that cannot be decoded is dropped.
 */
public final class Form {

    private static final int MAX_FIELDS = 2000;

    private final Map<String, List<String>> fields;

    private Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    public static Form parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            int n = 0;
            for (String pair : body.split("&")) {
                if (pair.isEmpty() || ++n > MAX_FIELDS) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    // A broken %-escape: the field is left out, as if it had not been sent.
                }
            }
        }
        return new Form(fields);
    }

    /** The first value of a field, or "" when absent. */
    public String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The names of the fields, in the order they came. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(fields.keySet());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
