package nl.buurtbegroting.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain-text table with aligned columns: numbers to the right, text to the left, two spaces
 * between columns, trailing spaces trimmed. A table whose headers are all empty prints no header line. Widths count code points, so Polish and Dutch names align.
 */
final class TextTable {

    /** Compiled once: a table truncates every project's name. */
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** {@code alignment} has one character per column: {@code l} left, {@code r} right. */
    TextTable(String alignment, String... headers) {
        if (alignment.length() != headers.length) {
            throw new IllegalArgumentException("one alignment per column");
        }
        this.headers = List.of(headers);
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = alignment.charAt(i) == 'r';
        }
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "" : c.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = length(headers.get(i));
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], length(row.get(i)));
            }
        }
        if (headers.stream().anyMatch(h -> !h.isEmpty())) {
            printRow(out, headers, width);
        }
        for (List<String> row : rows) {
            printRow(out, row, width);
        }
    }

    private void printRow(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String cell = cells.get(i);
            String fill = " ".repeat(width[i] - length(cell));
            sb.append(rightAligned[i] ? fill + cell : cell + fill);
        }
        out.println(sb.toString().stripTrailing());
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The text cut to at most {@code max} code points, ending in "..." when it was cut; line breaks become spaces. */
    static String truncate(String s, int max) {
        String flat = LINE_BREAKS.matcher(s).replaceAll(" ").strip();
        if (length(flat) <= max) {
            return flat;
        }
        int end = flat.offsetByCodePoints(0, max - 3);
        return flat.substring(0, end).stripTrailing() + "...";
    }
}
