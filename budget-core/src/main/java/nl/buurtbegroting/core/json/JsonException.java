package nl.buurtbegroting.core.json;

/**
 * A JSON text that cannot be read: names the source, the position (character offset from 0, and the line and
 * column from 1) and what is wrong there. The offset is -1 when the fault is not at one place (bytes that are
 * not UTF-8).
 */
public final class JsonException extends RuntimeException {

    private final String source;
    private final int offset;
    private final int line;
    private final int column;
    private final String detail;

    JsonException(String source, String text, int offset, String detail) {
        super(source + (offset < 0 ? "" : " at line " + lineOf(text, offset) + ", column " + columnOf(text, offset))
                + ": " + detail);
        this.source = source;
        this.offset = offset;
        this.line = offset < 0 ? 0 : lineOf(text, offset);
        this.column = offset < 0 ? 0 : columnOf(text, offset);
        this.detail = detail;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String text, int offset) {
        int end = Math.min(offset, text.length());
        return end - text.lastIndexOf('\n', end - 1);
    }

    /** The name of what was read (a file name, "receipt", "standard output"). */
    public String source() {
        return source;
    }

    /** Character offset of the fault from 0, or -1. */
    public int offset() {
        return offset;
    }

    /** Line of the fault from 1, or 0 when it has no place. */
    public int line() {
        return line;
    }

    /** Column of the fault from 1 (in UTF-16 code units), or 0 when it has no place. */
    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String detail() {
        return detail;
    }
}
