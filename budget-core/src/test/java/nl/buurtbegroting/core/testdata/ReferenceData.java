package nl.buurtbegroting.core.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.buurtbegroting.core.json.JsonParser;

/**
 * The reference outcomes of {@code src/test/resources/pabulib/expected.json} (copied from the
 * project's shared Pabulib data; see the README beside it), one {@link Entry} per file and rule.
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** One reference outcome. {@code alternative} is null unless the entry is tie-sensitive. */
    public record Entry(String file, String voteType, long voters, long budget, String rule, Set<String> selected,
                        Set<String> alternative, Long totalCost, Boolean tieSensitive, Long welfare, boolean timeout,
                        boolean exactArithmetic, String source) {
        @Override
        public String toString() {
            return file + " [" + rule + "]";
        }
    }

    public static List<Entry> entries(String rule) {
        List<Entry> out = new ArrayList<>();
        for (Object o : JsonParser.array(JsonParser.object(JsonParser.STANDARD.parse("expected.json", read("/pabulib/expected.json"))).get("instances"))) {
            Map<String, Object> inst = JsonParser.object(o);
            Object r = JsonParser.object(inst.get("rules")).get(rule);
            if (r == null) {
                continue;
            }
            Map<String, Object> e = JsonParser.object(r);
            out.add(new Entry((String) inst.get("file"), (String) inst.get("vote_type"), (Long) inst.get("voters"),
                    ((Number) inst.get("budget")).longValue(), rule, ids(e.get("selected")), ids(e.get("alt_selected")),
                    (Long) e.get("total_cost"), (Boolean) e.get("tie_sensitive"), (Long) e.get("welfare"),
                    Boolean.TRUE.equals(e.get("timeout")), !Boolean.FALSE.equals(e.get("exact_arithmetic")),
                    (String) e.get("source")));
        }
        return out;
    }

    private static Set<String> ids(Object list) {
        if (list == null) {
            return null;
        }
        Set<String> s = new TreeSet<>();
        for (Object o : JsonParser.array(list)) {
            s.add(o.toString());
        }
        return s;
    }

    public static Path instance(String file) {
        URL url = ReferenceData.class.getResource("/pabulib/instances/" + file);
        if (url == null) {
            throw new IllegalStateException("test resource pabulib/instances/" + file + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(String resource) {
        try (InputStream in = ReferenceData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
