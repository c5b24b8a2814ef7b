package nl.buurtbegroting.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nl.buurtbegroting.core.json.JsonException;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.core.json.JsonWriter;

/**
 * The one JSON form every bundle file uses: the canonical mode of {@link JsonWriter} (RFC 8785 without
 * floating point), with the bundle's own framing (one final newline) and errors that name the file.
 *
 * <p>The reader is strict on purpose: it accepts a text only if writing back what it read gives the
 * same bytes, so every file has exactly one valid spelling and a changed byte cannot hide in whitespace,
 * escapes or key order.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical bytes of a value, without a trailing newline. */
    public static byte[] write(Object value) {
        return JsonWriter.canonicalBytes(value);
    }

    /** The canonical bytes of a value followed by one newline: the form of a bundle file. */
    public static byte[] writeFile(Object value) {
        return (JsonWriter.canonical(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a bundle file: canonical JSON followed by exactly one newline. Objects come back as maps in
     * file order, arrays as lists, integers as {@link Long} (or {@link java.math.BigInteger} beyond its range).
     *
     * @throws BundleFormatException naming the file, the byte offset and what is wrong
     */
    public static Object readFile(String fileName, byte[] bytes) {
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw new BundleFormatException(fileName, "end", "the file must end with one newline");
        }
        return read(fileName, Arrays.copyOf(bytes, bytes.length - 1));
    }

    /** Reads canonical JSON without a trailing newline (a receipt's embedded ballot, a test value). */
    public static Object read(String source, byte[] bytes) {
        Object value = parse(JsonParser.COMPACT, source, bytes);
        byte[] again = write(value);
        if (!Arrays.equals(again, bytes)) {
            throw new BundleFormatException(source, "byte " + firstDifference(again, bytes),
                    "valid JSON but not in canonical form (RFC 8785 without floats: no spaces, keys sorted, minimal escapes)");
        }
        return value;
    }

    /**
     * Reads any JSON text in the same strict value model (no floats, no duplicate names), allowing
     * whitespace: for files people may have re-saved, such as a receipt, whose signature covers the
     * canonical form of its fields rather than the bytes of the file.
     */
    public static Object readLenient(String source, byte[] bytes) {
        return parse(JsonParser.INTEGERS, source, bytes);
    }

    private static Object parse(JsonParser parser, String source, byte[] bytes) {
        try {
            return parser.parse(source, bytes);
        } catch (JsonException e) {
            throw new BundleFormatException(source, e.offset() < 0 ? "" : "character " + e.offset(), e.detail());
        }
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return n;
    }
}
