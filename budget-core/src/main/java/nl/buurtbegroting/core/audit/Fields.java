package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, strict access to one JSON object of a bundle file: every read names the member, a wrong type
 * or a missing member is a {@link BundleFormatException} with the JSON path, and {@link #done()}
 * rejects members nobody asked for, so a file cannot carry data the verifier silently ignores.
 */
final class Fields {

    private final String file;
    private final String path;
    private final Map<?, ?> map;
    private final Set<String> read = new HashSet<>();

    private Fields(String file, String path, Map<?, ?> map) {
        this.file = file;
        this.path = path;
        this.map = map;
    }

    static Fields of(String file, String path, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new BundleFormatException(file, path, "expected a JSON object");
        }
        return new Fields(file, path, m);
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    BundleFormatException error(String member, String message) {
        return new BundleFormatException(file, member.isEmpty() ? path : path + "." + member, message);
    }

    private Object raw(String name) {
        read.add(name);
        if (!map.containsKey(name)) {
            throw error(name, "missing");
        }
        return map.get(name);
    }

    boolean has(String name) {
        return map.containsKey(name);
    }

    String string(String name) {
        Object v = raw(name);
        if (!(v instanceof String s)) {
            throw error(name, "expected a string");
        }
        return s;
    }

    String optionalString(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw error(name, "expected a string or null");
        }
        return s;
    }

    long integer(String name) {
        Object v = raw(name);
        if (!(v instanceof Long l)) {
            throw error(name, "expected an integer");
        }
        return l;
    }

    long nonNegative(String name) {
        long v = integer(name);
        if (v < 0) {
            throw error(name, "must not be negative");
        }
        return v;
    }

    Long optionalInteger(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Long l)) {
            throw error(name, "expected an integer or null");
        }
        return l;
    }

    boolean bool(String name) {
        Object v = raw(name);
        if (!(v instanceof Boolean b)) {
            throw error(name, "expected true or false");
        }
        return b;
    }

    Fields object(String name) {
        return Fields.of(file, path + "." + name, raw(name));
    }

    Map<?, ?> rawObject(String name) {
        Object v = raw(name);
        if (!(v instanceof Map<?, ?> m)) {
            throw error(name, "expected a JSON object");
        }
        return m;
    }

    List<?> list(String name) {
        Object v = raw(name);
        if (!(v instanceof List<?> l)) {
            throw error(name, "expected an array");
        }
        return l;
    }

    List<String> strings(String name) {
        List<?> l = list(name);
        List<String> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s)) {
                throw error(name + "[" + i + "]", "expected a string");
            }
            out.add(s);
        }
        return out;
    }

    List<Fields> objects(String name) {
        List<?> l = list(name);
        List<Fields> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(Fields.of(file, path + "." + name + "[" + i + "]", l.get(i)));
        }
        return out;
    }

    /** A map of string to string (rule details, outcome details). */
    Map<String, String> stringMap(String name) {
        Map<?, ?> m = rawObject(name);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw error(name + "." + e.getKey(), "expected a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    /** Rejects members that were never read: the schema is closed. */
    void done() {
        for (Object key : map.keySet()) {
            if (!read.contains(key)) {
                throw error(String.valueOf(key), "unknown member");
            }
        }
    }
}
