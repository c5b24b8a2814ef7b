package nl.buurtbegroting.core.pabulib;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Characters from a {@link Reader} as the UTF-8 bytes the reader parses, so that text and files go through
 * the same byte-level code. The size limit counts characters here, as the reader's options say. A lone
 * surrogate (a broken pair, which no file decodes to) is written as the three bytes it would have in
 * Java's modified UTF-8, which the UTF-8 check then refuses on its line.
 */
final class ReaderBytes extends InputStream {

    private final Reader in;
    private final String sourceName;
    private final long maxChars;
    private final char[] chars = new char[8192];
    private long charsRead;
    /** A high surrogate read at the end of the last block, waiting for its low half. */
    private int pendingHigh = -1;
    private boolean eof;

    ReaderBytes(Reader in, String sourceName, long maxChars) {
        this.in = in;
        this.sourceName = sourceName;
        this.maxChars = maxChars;
    }

    /** Not needed by the tokenizer, which reads blocks: a character can be up to four bytes. */
    @Override
    public int read() {
        throw new UnsupportedOperationException("read blocks of at least 6 bytes");
    }

    /** Fills at least one byte unless at the end; up to len bytes, whole characters only (len >= 6). */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len < 6) {
            throw new IllegalArgumentException("read at least 6 bytes at a time");
        }
        int out = off;
        while (out == off) {
            if (eof) {
                if (pendingHigh >= 0) {
                    out = put3(b, out, pendingHigh);
                    pendingHigh = -1;
                    break;
                }
                return -1;
            }
            int room = Math.min(chars.length, (off + len - out) / 3 - 1);
            int n = in.read(chars, 0, Math.max(1, room));
            if (n < 0) {
                eof = true;
                continue;
            }
            charsRead += n;
            if (charsRead > maxChars) {
                throw new PabulibFormatException(ErrorCode.TOO_LARGE, sourceName, 0, "",
                        "input is larger than " + maxChars + " characters; raise the reader's size limit if this file is genuine");
            }
            out = encode(n, b, out);
        }
        return out - off;
    }

    private int encode(int n, byte[] b, int out) {
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (pendingHigh >= 0) {
                int high = pendingHigh;
                pendingHigh = -1;
                if (Character.isLowSurrogate(c)) {
                    int cp = Character.toCodePoint((char) high, c);
                    b[out++] = (byte) (0xf0 | (cp >>> 18));
                    b[out++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
                    b[out++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
                    b[out++] = (byte) (0x80 | (cp & 0x3f));
                    continue;
                }
                out = put3(b, out, high);
            }
            if (c < 0x80) {
                b[out++] = (byte) c;
            } else if (c < 0x800) {
                b[out++] = (byte) (0xc0 | (c >>> 6));
                b[out++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                pendingHigh = c;
            } else {
                out = put3(b, out, c);
            }
        }
        return out;
    }

    private static int put3(byte[] b, int out, int c) {
        b[out++] = (byte) (0xe0 | (c >>> 12));
        b[out++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
        b[out++] = (byte) (0x80 | (c & 0x3f));
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
