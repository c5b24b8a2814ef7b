package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String write(Object v) {
        return new String(CanonicalJson.write(v), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAndWritesNoWhitespace() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", List.of(true, false));
        m.put("\u20ac", "euro");
        m.put("\uD83D\uDE00", "emoji");
        m.put("\uFFFD", "replacement");
        m.put("A", null);
        // RFC 8785 §3.2.3: surrogate pairs (0xD83D) sort before U+FFFD, although the code point is larger.
        assertEquals("{\"A\":null,\"a\":[true,false],\"b\":1,\"\u20ac\":\"euro\",\"\uD83D\uDE00\":\"emoji\","
                + "\"\uFFFD\":\"replacement\"}", write(m));
    }

    @Test
    void escapesOnlyWhatRfc8785Requires() {
        assertEquals("\"\\\"\\\\/\\b\\t\\n\\f\\r\\u0000\\u001f\u00e9\u20ac\u007f\"",
                write("\"\\/\b\t\n\f\r\u0000\u001f\u00e9\u20ac\u007f"));
    }

    @Test
    void writesIntegersOfAnySize() {
        assertEquals("[0,-7,9223372036854775807,123456789012345678901234567890]",
                write(List.of(0L, -7, Long.MAX_VALUE, new BigInteger("123456789012345678901234567890"))));
    }

    @Test
    void refusesFloatsAndLoneSurrogates() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(1.5));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("x", 1.0f)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write("\uD800"));
    }

    @Test
    void readsBackWhatItWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "Jongerenplatform \u2014 caf\u00e9 \uD83C\uDF89");
        m.put("points", List.of(3L, 0L, 12L));
        m.put("nested", Map.of("ok", true, "none", List.of()));
        m.put("big", new BigInteger("99999999999999999999"));
        byte[] file = CanonicalJson.writeFile(m);
        assertEquals('\n', file[file.length - 1]);
        Object back = CanonicalJson.readFile("t.json", file);
        assertArrayEquals(file, CanonicalJson.writeFile(back));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":1,\"a\":2}",                 // duplicate member
            "{\"b\":1,\"a\":2}",                 // unsorted
            "{\"a\": 1}",                        // whitespace
            " {\"a\":1}",
            "{\"a\":1.0}",                       // float
            "{\"a\":1e3}",
            "{\"a\":-0}",                        // negative zero
            "{\"a\":01}",                        // leading zero
            "{\"a\":\"\\u0041\"}",               // needless escape
            "{\"a\":\"\\/\"}",
            "{\"a\":\"\\u00e9\"}",
            "{\"a\":1,}",                        // trailing comma
            "[1,2",                              // truncated
            "{\"a\":tru}",
            "{\"a\":1}x",                        // trailing text
            "\"tab\there\"",                     // raw control character
            "",
    })
    void rejectsNonCanonicalOrMalformedText(String text) {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> CanonicalJson.readFile("t.json", utf8(text + "\n")));
        assertEquals("t.json", e.file());
        assertTrue(!e.detail().isBlank());
    }

    @Test
    void namesWhatIsWrong() {
        BundleFormatException dup = assertThrows(BundleFormatException.class,
                () -> CanonicalJson.readFile("t.json", utf8("{\"a\":1,\"a\":2}\n")));
        assertTrue(dup.detail().contains("duplicate member name \"a\""), dup.getMessage());
        BundleFormatException flt = assertThrows(BundleFormatException.class,
                () -> CanonicalJson.readFile("t.json", utf8("[1.5]\n")));
        assertTrue(flt.detail().contains("floating-point"), flt.getMessage());
        BundleFormatException order = assertThrows(BundleFormatException.class,
                () -> CanonicalJson.readFile("t.json", utf8("{\"b\":1,\"a\":2}\n")));
        assertTrue(order.detail().contains("canonical"), order.getMessage());
    }

    @Test
    void requiresExactlyOneFinalNewline() {
        assertThrows(BundleFormatException.class, () -> CanonicalJson.readFile("t.json", utf8("{}")));
        assertThrows(BundleFormatException.class, () -> CanonicalJson.readFile("t.json", utf8("{}\n\n")));
        assertThrows(BundleFormatException.class, () -> CanonicalJson.readFile("t.json", utf8("{}\r\n")));
        assertEquals(Map.of(), CanonicalJson.readFile("t.json", utf8("{}\n")));
    }

    @Test
    void rejectsInvalidUtf8AndByteOrderMarks() {
        assertThrows(BundleFormatException.class,
                () -> CanonicalJson.readFile("t.json", new byte[] {'"', (byte) 0xc3, '"', '\n'}));
        assertThrows(BundleFormatException.class,
                () -> CanonicalJson.readFile("t.json", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}', '\n'}));
    }

    @Test
    void refusesNestingBuiltToExhaustTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> CanonicalJson.readFile("t.json", utf8(deep)));
        assertTrue(e.detail().contains("nested"), e.getMessage());
    }

    @Test
    void lenientReadingAllowsWhitespaceButKeepsTheValueRules() {
        Object v = CanonicalJson.readLenient("receipt", utf8("{\n  \"b\" : [ 1, 2 ],\n  \"a\" : \"x\"\n}\n"));
        assertEquals("{\"a\":\"x\",\"b\":[1,2]}", write(v));
        assertThrows(BundleFormatException.class, () -> CanonicalJson.readLenient("receipt", utf8("{\"a\":1, \"a\":1}")));
        assertThrows(BundleFormatException.class, () -> CanonicalJson.readLenient("receipt", utf8("{\"a\": 0.5}")));
    }
}
