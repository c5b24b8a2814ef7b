package nl.buurtbegroting.core.pabulib;

import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Checks that bytes are well-formed UTF-8 as they are read, block by block, and refuses malformed ones
 * instead of letting them become U+FFFD, naming the line they are on: a file saved as Windows-1250 or
 * Latin-1 would otherwise load with silently mangled names. The reader then cuts fields from the checked
 * bytes and decodes only the ones that become text. Well-formed is what Java's UTF-8 decoder accepts
 * (Unicode's table of well-formed byte sequences: no overlong forms, no surrogates, nothing above
 * U+10FFFF), so a file is refused exactly when decoding it strictly would fail, on the same line.
 */
final class Utf8Check {

    private final String sourceName;
    /** Line terminators (CR LF, CR or LF) in the bytes checked so far. */
    private int completedLines;
    private boolean lastWasCr;

    Utf8Check(String sourceName) {
        this.sourceName = sourceName;
    }

    /**
     * Checks {@code buf[from, to)}, which continues the bytes checked before; returns the end of the last
     * complete character, which is {@code to} unless a character is cut off by the end of the block (its
     * bytes are then checked again with the next block). At the end of the input nothing may be cut off.
     */
    int check(byte[] buf, int from, int to, boolean endOfInput) {
        int lines = completedLines;
        boolean cr = lastWasCr;
        int i = from;
        while (i < to) {
            int b = buf[i];
            if (b > '\r') {
                // the usual byte: ASCII other than a line end, one comparison
                cr = false;
                i++;
                continue;
            }
            if (b >= 0) {
                if (b == '\n') {
                    if (!cr) {
                        lines++;
                    }
                    cr = false;
                } else if (b == '\r') {
                    lines++;
                    cr = true;
                } else {
                    cr = false;
                }
                i++;
                continue;
            }
            int length = sequence(buf, i, to);
            if (length == 0) {
                if (endOfInput) {
                    throw malformed(lines);
                }
                break;
            }
            if (length < 0) {
                throw malformed(lines);
            }
            cr = false;
            i += length;
        }
        completedLines = lines;
        lastWasCr = cr;
        return i;
    }

    /**
     * The length of the multi-byte character at {@code i}, 0 when the block ends before it does (the bytes
     * present being a valid start), -1 when it is malformed.
     */
    private static int sequence(byte[] buf, int i, int to) {
        int b0 = buf[i] & 0xff;
        int length;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            length = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            length = 3;
            if (b0 == 0xe0) {
                lo = 0xa0;
            } else if (b0 == 0xed) {
                hi = 0x9f;
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            length = 4;
            if (b0 == 0xf0) {
                lo = 0x90;
            } else if (b0 == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= to) {
                return 0;
            }
            int b = buf[i + k] & 0xff;
            if (b < lo || b > hi) {
                return -1;
            }
            lo = 0x80;
            hi = 0xbf;
        }
        return length;
    }

    private PabulibFormatException malformed(int lines) {
        return new PabulibFormatException(ErrorCode.INVALID_ENCODING, sourceName, lines + 1, "",
                "the input is not valid UTF-8 (save the file as UTF-8)");
    }
}
