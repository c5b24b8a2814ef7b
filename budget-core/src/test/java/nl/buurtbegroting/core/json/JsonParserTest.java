package nl.buurtbegroting.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {

    @Test
    void keepsNumbersExact() {
        assertEquals(List.of(0L, -7L, Long.MAX_VALUE, new BigInteger("9223372036854775808"), new BigDecimal("0.1"),
                        new BigDecimal("-1.50"), new BigDecimal("2E+400")),
                JsonParser.STANDARD.parse("t", "[0, -7, 9223372036854775807, 9223372036854775808, 0.1, -1.50, 2e+400]"));
    }

    @Test
    void readsEscapesAndSurrogatePairs() {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\uD83C\uDF33\uD83C\uDF33",
                JsonParser.STANDARD.parse("t", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83c\\udf33\uD83C\uDF33\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,\"a\":2}          | 1 | 8  | duplicate member name \"a\"",
        "[\"x\\ud800\"]             | 1 | 4  | lone surrogate U+D800",
        "[\"\\udc00x\"]             | 1 | 3  | lone surrogate U+DC00",
        "[\"\\ud800\\u0041\"]       | 1 | 3  | lone surrogate U+D800",
        "[01]                       | 1 | 2  | leading zero",
        "[1.]                       | 1 | 4  | decimal point must be followed by digits",
        "[1e]                       | 1 | 4  | exponent must have digits",
        "[1] x                      | 1 | 5  | unexpected text after the JSON value",
        "{\"a\" 1}                  | 1 | 6  | expected ':'",
        "'{\n  \"a\": tru\n}'       | 2 | 8  | expected true",
    })
    void refusesWithThePlaceAndTheReason(String text, int line, int column, String reason) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.STANDARD.parse("t.json", text));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(true, e.detail().contains(reason), e.getMessage());
        assertEquals(true, e.getMessage().startsWith("t.json at line " + line + ", column " + column + ": "), e.getMessage());
    }

    @Test
    void refusesRawLoneSurrogatesAndBytesThatAreNotUtf8() {
        assertThrows(JsonException.class, () -> JsonParser.STANDARD.parse("t", "\"\uD800\""));
        JsonException e = assertThrows(JsonException.class,
                () -> JsonParser.STANDARD.parse("t", new byte[] {'"', (byte) 0xC3, '"'}));
        assertEquals(-1, e.offset());
        assertEquals("t: not valid UTF-8", e.getMessage());
    }

    @Test
    void theIntegerAndCompactVariantsRefuseFractionsAndWhitespace() {
        assertThrows(JsonException.class, () -> JsonParser.INTEGERS.parse("t", "[0.5]"));
        assertEquals(List.of(1L), JsonParser.INTEGERS.parse("t", " [ 1 ] "));
        assertThrows(JsonException.class, () -> JsonParser.COMPACT.parse("t", "[1, 2]"));
        assertEquals(Map.of("a", List.of()), JsonParser.COMPACT.parse("t", "{\"a\":[]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void namesWhatAValueIsWhenItIsNotTheExpectedKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonParser.object(List.of()));
        assertEquals("expected a JSON object, not an array", e.getMessage());
    }
}
