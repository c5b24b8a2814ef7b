package nl.buurtbegroting.core.pabulib;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Splits text into {@code ;}-separated records, one character at a time (no regular expressions:
 * this loop is the reader's hot path). Follows what Python's {@code csv} module does with Pabulib
 * files, because that is what the published files were written and checked with: a double quote
 * opens a quoted field only as the first character of a field (so {@code boiska "Orlik"} keeps its
 * quotes), {@code ""} inside quotes is one quote, and quoted fields may span lines. Unquoted fields
 * are stripped of surrounding white space; quoted ones are kept exactly.
 */
final class RecordTokenizer {

    private final Reader in;
    private final String sourceName;
    private final long maxChars;
    private final long maxRecords;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private long charsRead;
    private long records;

    private int line = 1;
    private int recordLine;
    private final List<String> fields = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private final StringBuilder sb = new StringBuilder(64);
    private List<String> columnNames = List.of();

    RecordTokenizer(Reader in, String sourceName, long maxChars, long maxRecords) {
        this.in = in;
        this.sourceName = sourceName;
        this.maxChars = maxChars;
        this.maxRecords = maxRecords;
    }

    /** Column names of the current table, used only to name the field in an unterminated-quote error. */
    void columnNames(List<String> names) {
        this.columnNames = names;
    }

    int recordLine() {
        return recordLine;
    }

    int size() {
        return fields.size();
    }

    String field(int i) {
        return fields.get(i);
    }

    boolean quoted(int i) {
        return quoted.get(i);
    }

    /** A record of one empty field: a blank line, which Pabulib readers skip. */
    boolean isBlank() {
        return fields.size() == 1 && fields.get(0).isEmpty();
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        fields.clear();
        quoted.clear();
        int c = read();
        if (c < 0) {
            return false;
        }
        if (++records > maxRecords) {
            throw new PabulibFormatException(ErrorCode.TOO_LARGE, sourceName, line, "",
                    "more than " + maxRecords + " rows; raise the reader's row limit if this file is genuine");
        }
        recordLine = line;
        while (true) {
            sb.setLength(0);
            if (c == '"') {
                c = readQuoted();
                fields.add(sb.toString());
                quoted.add(Boolean.TRUE);
            } else {
                c = unquoted(c);
                quoted.add(Boolean.FALSE);
            }
            if (c == ';') {
                c = read();
                continue;
            }
            endOfLine(c);
            return true;
        }
    }

    /** Reads a quoted field after its opening quote; returns the first character after the field. */
    private int readQuoted() throws IOException {
        int startLine = line;
        int column = fields.size();
        while (true) {
            int c = read();
            if (c < 0) {
                String name = column < columnNames.size() ? columnNames.get(column) : "";
                throw new PabulibFormatException(ErrorCode.UNTERMINATED_QUOTE, sourceName, startLine, name,
                        "a quoted field opened here is never closed; close it with \" (write a quote inside as \"\")");
            }
            if (c == '"') {
                int d = read();
                if (d == '"') {
                    sb.append('"');
                    continue;
                }
                // Like Python's csv: text after the closing quote is kept, up to the separator.
                while (d >= 0 && d != ';' && d != '\n' && d != '\r') {
                    sb.append((char) d);
                    d = read();
                }
                return d;
            }
            if (c == '\r') {
                int d = peek();
                if (d == '\n') {
                    sb.append('\r');
                    c = read();
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            sb.append((char) c);
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            if (peek() == '\n') {
                read();
            }
            line++;
        } else if (c == '\n') {
            line++;
        }
    }

    /**
     * Reads an unquoted field whose first character c was just read; adds it and returns the character
     * after it. A field that lies within the buffer (nearly all) is cut from the buffer directly; one
     * that crosses the buffer's end is collected character by character.
     */
    private int unquoted(int c) throws IOException {
        if (c < 0 || c == ';' || c == '\n' || c == '\r') {
            fields.add("");
            return c;
        }
        int start = pos - 1;
        int i = pos;
        while (i < len) {
            char ch = buf[i];
            if (ch == ';' || ch == '\n' || ch == '\r') {
                int s = start;
                int e = i;
                while (s < e && Character.isWhitespace(buf[s])) {
                    s++;
                }
                while (e > s && Character.isWhitespace(buf[e - 1])) {
                    e--;
                }
                fields.add(s == e ? "" : new String(buf, s, e - s));
                pos = i + 1;
                return ch;
            }
            i++;
        }
        sb.append(buf, start, len - start);
        pos = len;
        c = read();
        while (c >= 0 && c != ';' && c != '\n' && c != '\r') {
            sb.append((char) c);
            c = read();
        }
        fields.add(stripped());
        return c;
    }

    private String stripped() {
        int s = 0;
        int e = sb.length();
        while (s < e && Character.isWhitespace(sb.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(sb.charAt(e - 1))) {
            e--;
        }
        return s == e ? "" : sb.substring(s, e);
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = n;
        if (charsRead == 0 && buf[0] == '\uFEFF') {
            pos = 1;
        }
        charsRead += n;
        if (charsRead > maxChars) {
            throw new PabulibFormatException(ErrorCode.TOO_LARGE, sourceName, 0, "",
                    "input is larger than " + maxChars + " characters; raise the reader's size limit if this file is genuine");
        }
        return pos < len || fill();
    }
}
