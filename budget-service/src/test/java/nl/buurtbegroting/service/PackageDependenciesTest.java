package nl.buurtbegroting.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No two service packages depend on each other, directly or round a longer loop: dependencies point one way,
 * so each package can be read knowing only the ones below it. Read from the sources: an import or a fully
 * qualified name of another service package is a dependency (comments count too, which errs on the safe side).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/buurtbegroting/service");
    private static final Pattern REFERENCE = Pattern.compile("\\bnl\\.buurtbegroting\\.service\\.([a-z][a-z0-9]*)\\.[A-Z]");

    @Test
    void noServicePackageDependsOnAnotherThatDependsBackOnIt() throws IOException {
        Map<String, Set<String>> graph = graph(sources());
        assertTrue(graph.size() >= 15, "the sources were found: " + graph.keySet());
        assertEquals(Optional.empty(), cycle(graph), "a dependency cycle between service packages");
    }

    @Test
    void theCheckFindsADirectCycleAndALongerOne() {
        Map<String, String> direct = Map.of(
                "tally/Counter.java", "package nl.buurtbegroting.service.tally;\nimport nl.buurtbegroting.service.publication.Bundle;\n",
                "publication/Bundle.java", "package nl.buurtbegroting.service.publication;\nclass Bundle { nl.buurtbegroting.service.tally.Count c; }\n");
        assertEquals(Optional.of(List.of("publication", "tally", "publication")), cycle(graph(direct)));

        Map<String, String> longer = Map.of(
                "a/A.java", "import nl.buurtbegroting.service.b.B;",
                "b/B.java", "import nl.buurtbegroting.service.c.C;",
                "c/C.java", "import nl.buurtbegroting.service.a.A;");
        assertEquals(Optional.of(List.of("a", "b", "c", "a")), cycle(graph(longer)));

        Map<String, String> oneWay = Map.of(
                "a/A.java", "import nl.buurtbegroting.service.b.B; import nl.buurtbegroting.service.a.Other;",
                "b/B.java", "import nl.buurtbegroting.core.model.Instance;");
        assertFalse(cycle(graph(oneWay)).isPresent());
    }

    /** Each source file's text by its path below the service package ("tally/Counter.java"). */
    private static Map<String, String> sources() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.put(SOURCES.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        return out;
    }

    /** Package → the other service packages its files name; the root package is "(root)". */
    static Map<String, Set<String>> graph(Map<String, String> sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        sources.forEach((path, text) -> {
            int slash = path.lastIndexOf('/');
            String from = slash < 0 ? "(root)" : path.substring(0, slash).replace('/', '.');
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    to.add(m.group(1));
                }
            }
        });
        return graph;
    }

    /** The first cycle found (packages in order, the first repeated at the end), or empty when there is none. */
    static Optional<List<String>> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            Optional<List<String>> found = walk(graph, start, new ArrayList<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> walk(Map<String, Set<String>> graph, String node, List<String> path,
                                               Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> loop = new ArrayList<>(path.subList(seen, path.size()));
            loop.add(node);
            return Optional.of(loop);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            Optional<List<String>> found = walk(graph, next, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return Optional.empty();
    }
}
