package nl.buurtbegroting.core.pabulib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Splits UTF-8 bytes into {@code ;}-separated records, one byte at a time (no regular expressions and no
 * decoding up front: this loop is the reader's hot path). Separators, quotes and line ends are ASCII, so
 * they are found in the bytes directly; a field stays a range of the buffer until someone asks for its
 * text, and the votes of a city's file are read from those ranges without ever becoming strings. Bytes
 * are checked to be UTF-8 ({@link Utf8Check}) as each block is read, before any of it is parsed.
 *
 * <p>Follows what Python's {@code csv} module does with Pabulib files, because that is what the published
 * files were written and checked with: a double quote opens a quoted field only as the first character of
 * a field (so {@code boiska "Orlik"} keeps its quotes), {@code ""} inside quotes is one quote, and quoted
 * fields may span lines. Unquoted fields are stripped of surrounding white space
 * ({@link Character#isWhitespace}); quoted ones are kept exactly.
 */
final class RecordTokenizer {

    private static final boolean[] ENDS_FIELD = new boolean[256];

    static {
        ENDS_FIELD[';'] = true;
        ENDS_FIELD['\n'] = true;
        ENDS_FIELD['\r'] = true;
    }

    private final InputStream in;
    private final String sourceName;
    private final long maxBytes;
    private final long maxRecords;
    private final Utf8Check utf8;
    private byte[] buf = new byte[1 << 16];
    /** Next byte to parse. */
    private int pos;
    /** End of the checked bytes; [limit, filled) is the start of a character cut off by the last read. */
    private int limit;
    private int filled;
    /** First byte of the current record: kept in the buffer until the next record is read. */
    private int recordStart;
    private boolean eof;
    private boolean started;
    private long bytesRead;
    private long records;

    private int line = 1;
    private int recordLine;
    private int count;
    /** Per field of the current record: its stripped range, or its text when it has one. */
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private String[] texts = new String[16];
    private byte[] quotedBytes = new byte[256];
    private List<String> columnNames = List.of();

    /**
     * @param maxBytes largest accepted input in bytes ({@link Long#MAX_VALUE} when the caller limits
     *                 characters itself)
     */
    RecordTokenizer(InputStream in, String sourceName, long maxBytes, long maxRecords) {
        this.in = in;
        this.sourceName = sourceName;
        this.maxBytes = maxBytes;
        this.maxRecords = maxRecords;
        this.utf8 = new Utf8Check(sourceName);
    }

    /** Column names of the current table, used only to name the field in an unterminated-quote error. */
    void columnNames(List<String> names) {
        this.columnNames = names;
    }

    int recordLine() {
        return recordLine;
    }

    int size() {
        return count;
    }

    /** The field's text: stripped unless it was quoted. */
    String field(int i) {
        String text = texts[i];
        if (text == null) {
            int s = starts[i];
            text = s == ends[i] ? "" : new String(buf, s, ends[i] - s, StandardCharsets.UTF_8);
            texts[i] = text;
        }
        return text;
    }

    boolean isEmpty(int i) {
        return texts[i] == null ? starts[i] == ends[i] : texts[i].isEmpty();
    }

    /**
     * Whether field i is still only bytes: then {@link #bytes()}[{@link #start}, {@link #end}) is its
     * stripped UTF-8 (until the next record is read). Quoted fields, and the rare unquoted field that
     * starts or ends with a non-ASCII character, are text from the start.
     */
    boolean inBytes(int i) {
        return texts[i] == null;
    }

    byte[] bytes() {
        return buf;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** A record of one empty field: a blank line, which Pabulib readers skip. */
    boolean isBlank() {
        return count == 1 && isEmpty(0);
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        if (!started) {
            start();
        }
        count = 0;
        recordStart = pos;
        if (pos == limit && !fill()) {
            return false;
        }
        if (++records > maxRecords) {
            throw new PabulibFormatException(ErrorCode.TOO_LARGE, sourceName, line, "",
                    "more than " + maxRecords + " rows; raise the reader's row limit if this file is genuine");
        }
        recordLine = line;
        while (true) {
            int c;
            if (peek() == '"') {
                pos++;
                c = quoted();
            } else {
                c = unquoted();
            }
            if (c == ';') {
                pos++;
                continue;
            }
            endOfLine(c);
            return true;
        }
    }

    /** Reads the first block and skips a byte-order mark. */
    private void start() throws IOException {
        started = true;
        while (!eof && limit < 3) {
            read();
        }
        if (limit >= 3 && buf[0] == (byte) 0xef && buf[1] == (byte) 0xbb && buf[2] == (byte) 0xbf) {
            pos = 3;
        }
    }

    /** An unquoted field from pos; returns the byte that ends it (left at pos), -1 at the end. */
    private int unquoted() throws IOException {
        int start = pos;
        while (true) {
            byte[] b = buf;
            int i = pos;
            int lim = limit;
            while (i < lim && !ENDS_FIELD[b[i] & 0xff]) {
                i++;
            }
            pos = i;
            if (i < lim) {
                addUnquoted(start, i);
                return b[i];
            }
            int before = recordStart;
            boolean more = fill();
            start -= before - recordStart;
            if (!more) {
                addUnquoted(start, pos);
                return -1;
            }
        }
    }

    /**
     * Adds buf[s, e) stripped: ASCII white space is stripped on the bytes; a field that then starts or
     * ends with a non-ASCII byte is decoded and stripped as text, since some of those characters are
     * white space too (U+3000, U+2003...).
     */
    private void addUnquoted(int s, int e) {
        int from = s;
        int to = e;
        while (from < to && asciiWhitespace(buf[from])) {
            from++;
        }
        while (to > from && asciiWhitespace(buf[to - 1])) {
            to--;
        }
        String text = null;
        if (from < to && (buf[from] < 0 || buf[to - 1] < 0)) {
            text = strip(new String(buf, s, e - s, StandardCharsets.UTF_8));
        }
        add(from, to, text);
    }

    private static boolean asciiWhitespace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1c && b <= 0x1f);
    }

    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private void add(int start, int end, String text) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            texts = Arrays.copyOf(texts, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        texts[count] = text;
        count++;
    }

    /** A quoted field after its opening quote; returns the byte after the field (left at pos), -1 at the end. */
    private int quoted() throws IOException {
        int startLine = line;
        int column = count;
        int length = 0;
        while (true) {
            int c = peek();
            if (c < 0) {
                String name = column < columnNames.size() ? columnNames.get(column) : "";
                throw new PabulibFormatException(ErrorCode.UNTERMINATED_QUOTE, sourceName, startLine, name,
                        "a quoted field opened here is never closed; close it with \" (write a quote inside as \"\")");
            }
            pos++;
            if (c == '"') {
                int d = peek();
                if (d == '"') {
                    pos++;
                    length = append(length, '"');
                    continue;
                }
                // Like Python's csv: text after the closing quote is kept, up to the separator.
                while (d >= 0 && d != ';' && d != '\n' && d != '\r') {
                    length = append(length, d);
                    pos++;
                    d = peek();
                }
                add(0, 0, new String(quotedBytes, 0, length, StandardCharsets.UTF_8));
                return d;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    length = append(length, '\r');
                    c = '\n';
                    pos++;
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            length = append(length, c);
        }
    }

    private int append(int length, int b) {
        if (length == quotedBytes.length) {
            quotedBytes = Arrays.copyOf(quotedBytes, length * 2);
        }
        quotedBytes[length] = (byte) b;
        return length + 1;
    }

    /** Consumes the line end c (at pos): CR LF, CR or LF. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            pos++;
            if (peek() == '\n') {
                pos++;
            }
            line++;
        } else if (c == '\n') {
            pos++;
            line++;
        }
    }

    /** The byte at pos (0-255) without consuming it; -1 at the end of the input. */
    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    /**
     * Makes checked bytes available after pos (which is at limit), keeping the current record in the
     * buffer: moves it to the front (the caller corrects offsets it holds by the change of
     * {@link #recordStart}) or grows the buffer for a record larger than it. False at the end of the input.
     */
    private boolean fill() throws IOException {
        while (!eof) {
            if (recordStart > 0) {
                int shift = recordStart;
                System.arraycopy(buf, shift, buf, 0, filled - shift);
                pos -= shift;
                limit -= shift;
                filled -= shift;
                for (int i = 0; i < count; i++) {
                    starts[i] -= shift;
                    ends[i] -= shift;
                }
                recordStart = 0;
            }
            if (buf.length - filled < 8) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            read();
            if (pos < limit) {
                return true;
            }
        }
        return false;
    }

    /** One read into the free end of the buffer, checked. */
    private void read() throws IOException {
        int n = in.read(buf, filled, buf.length - filled);
        if (n < 0) {
            eof = true;
            utf8.check(buf, limit, filled, true);
            return;
        }
        bytesRead += n;
        if (bytesRead > maxBytes) {
            throw new PabulibFormatException(ErrorCode.TOO_LARGE, sourceName, 0, "",
                    "input is larger than " + maxBytes + " bytes; raise the reader's size limit if this file is genuine");
        }
        filled += n;
        limit = utf8.check(buf, limit, filled, false);
    }
}
