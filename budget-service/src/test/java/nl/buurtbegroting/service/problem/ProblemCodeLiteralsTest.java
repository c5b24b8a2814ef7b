package nl.buurtbegroting.service.problem;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An error code is written once, in {@link ProblemCode}: every other place names the enum constant, so a code cannot
 * drift from its status and texts. A string literal equal to a code's name anywhere else in src/main is a copy.
 */
class ProblemCodeLiteralsTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/buurtbegroting/service");
    private static final Path ENUM = SOURCES.resolve("problem/ProblemCode.java");
    // A Java string literal (escapes included); text blocks hold no codes.
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void noSourceOutsideTheEnumSpellsAProblemCodeAsAString() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && !p.equals(ENUM)).toList();
        }
        assertTrue(files.size() > 100, "the sources were found: " + files.size());
        List<String> copies = new ArrayList<>();
        for (Path f : files) {
            copies.addAll(copies(SOURCES.relativize(f).toString(), Files.readString(f)));
        }
        assertEquals(List.of(), copies, "use ProblemCode.X (or ProblemCode.X.name() where a string is needed)");
    }

    @Test
    void theScanFindsACodeInALiteralButNotInAnIdentifierOrALongerText() {
        String source = """
                throw ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election 3.");
                if ("UNKNOWN_CODE".equals(code)) { audit.record(actor, "ELECTION_NOT_FOUND_TWICE", null, null, null); }
                String key = "error." + "CODE_TYPO";
                """;
        assertEquals(List.of("Example.java:2 \"UNKNOWN_CODE\"", "Example.java:3 \"CODE_TYPO\""), copies("Example.java", source));
    }

    static List<String> copies(String name, String source) {
        Set<String> codes = Arrays.stream(ProblemCode.values()).map(Enum::name).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LITERAL.matcher(lines[i]);
            while (m.find()) {
                if (codes.contains(m.group(1))) {
                    out.add(name + ":" + (i + 1) + " \"" + m.group(1) + "\"");
                }
            }
        }
        return out;
    }
}
