package nl.buurtbegroting.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readable mode as the command-line tool prints it; the canonical mode is pinned by CanonicalJsonTest. */
class JsonWriterTest {

    @Test
    void readableModeEscapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"Plein \\\"De Kroon\\\"\"", JsonWriter.quote("Plein \"De Kroon\"", false));
        assertEquals("\"a\\\\b\"", JsonWriter.quote("a\\b", false));
        assertEquals("\"1\\n2\\r3\\t4\\b5\\f6\"", JsonWriter.quote("1\n2\r3\t4\b5\f6", false));
        assertEquals("\"\\u0000\\u001f\\u007f\"", JsonWriter.quote("\u0000\u001f\u007f", false));
    }

    @Test
    void readableModeWritesNonAsciiAsUnicodeEscapes() {
        assertEquals("\"\\u0141\\u0105ka\"", JsonWriter.quote("Łąka", false));
        assertEquals("\"caf\\u00e9 \\u00e9\\u00e9n\"", JsonWriter.quote("café één", false));
        assertEquals("\"\\u20ac 5\"", JsonWriter.quote("€ 5", false));
        // a character outside the Basic Multilingual Plane becomes its UTF-16 surrogate pair
        assertEquals("\"\\ud83c\\udf33\"", JsonWriter.quote(new String(Character.toChars(0x1F333)), false));
    }

    @Test
    void canonicalModeEscapesOnlyWhatRfc8785Requires() {
        assertEquals("\"\u0141\u0105ka \u20ac \\u001f\u007f\"", JsonWriter.quote("Łąka € \u001f\u007f", true));
    }

    @Test
    void readableModeWritesObjectsInOrderAndScalarListsOnOneLine() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("id", "7");
        inner.put("funded", true);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("budget", 1000L);
        root.put("selected", List.of("7", "10"));
        root.put("none", List.of());
        root.put("projects", List.of(inner));
        root.put("details", Map.of());
        root.put("missing", null);
        root.put("share", new BigDecimal("1E+3"));
        root.put("big", new BigInteger("123456789012345678901234567890"));
        assertEquals("""
                {
                  "budget": 1000,
                  "selected": ["7", "10"],
                  "none": [],
                  "projects": [
                    {
                      "id": "7",
                      "funded": true
                    }
                  ],
                  "details": {},
                  "missing": null,
                  "share": 1000,
                  "big": 123456789012345678901234567890
                }""", JsonWriter.readable(root));
    }

    @Test
    void bothModesWriteTheSameValueApartFromLayoutOrderAndEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1L, Map.of("x", "y")));
        value.put("a", "z");
        assertEquals("{\"a\":\"z\",\"b\":[1,{\"x\":\"y\"}]}", JsonWriter.canonical(value));
        assertEquals(JsonParser.STANDARD.parse("t", JsonWriter.canonical(value)),
                new LinkedHashMap<>(Map.of("a", "z", "b", List.of(1L, Map.of("x", "y")))));
        assertEquals(JsonParser.STANDARD.parse("t", JsonWriter.readable(value)), value);
    }

    @Test
    void canonicalModeRefusesWhatHasNoCanonicalForm() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.canonical(new BigDecimal("0.5")));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.canonical(Map.of(1, "x")));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.canonical(new StringBuilder("x")));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.canonical("\uDC00"));
    }
}
