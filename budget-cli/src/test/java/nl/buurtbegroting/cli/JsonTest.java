package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"Plein \\\"De Kroon\\\"\"", Json.quote("Plein \"De Kroon\""));
        assertEquals("\"a\\\\b\"", Json.quote("a\\b"));
        assertEquals("\"1\\n2\\r3\\t4\\b5\\f6\"", Json.quote("1\n2\r3\t4\b5\f6"));
        assertEquals("\"\\u0000\\u001f\\u007f\"", Json.quote("\u0000\u001f\u007f"));
    }

    @Test
    void writesNonAsciiAsUnicodeEscapes() {
        assertEquals("\"\\u0141\\u0105ka\"", Json.quote("Łąka"));
        assertEquals("\"caf\\u00e9 \\u00e9\\u00e9n\"", Json.quote("café één"));
        assertEquals("\"\\u20ac 5\"", Json.quote("€ 5"));
        // a character outside the Basic Multilingual Plane becomes its UTF-16 surrogate pair
        assertEquals("\"\\ud83c\\udf33\"", Json.quote(new String(Character.toChars(0x1F333))));
    }

    @Test
    void writesObjectsInOrderAndScalarListsOnOneLine() {
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
                  "missing": null
                }""", Json.write(root));
    }
}
