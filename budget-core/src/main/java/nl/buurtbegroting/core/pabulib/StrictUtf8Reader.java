package nl.buurtbegroting.core.pabulib;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Decodes UTF-8 and refuses malformed bytes instead of replacing them with U+FFFD, naming the line
 * they are on: a file saved as Windows-1250 or Latin-1 would otherwise load with silently mangled
 * names. Also enforces the byte limit on the decoded (decompressed) stream, which is what protects
 * against a small gzip file that expands without end.
 */
final class StrictUtf8Reader extends Reader {

    private final InputStream in;
    private final String sourceName;
    private final long maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private boolean flushed;
    private long bytesRead;
    private int completedLines;
    private boolean lastWasCr;

    StrictUtf8Reader(InputStream in, String sourceName, long maxBytes) {
        this.in = in;
        this.sourceName = sourceName;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                countLines(cbuf, off, out.position());
                throw new PabulibFormatException(ErrorCode.INVALID_ENCODING, sourceName, completedLines + 1, "",
                        "the input is not valid UTF-8 (save the file as UTF-8)");
            }
            if (out.position() > off) {
                break;
            }
            if (eof) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            }
            refill();
        }
        int produced = out.position() - off;
        if (produced == 0) {
            return -1;
        }
        countLines(cbuf, off, out.position());
        return produced;
    }

    private void refill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
            if (bytesRead > maxBytes) {
                throw new PabulibFormatException(ErrorCode.TOO_LARGE, sourceName, 0, "",
                        "input is larger than " + maxBytes + " bytes; raise the reader's size limit if this file is genuine");
            }
        }
        bytes.flip();
    }

    private void countLines(char[] cbuf, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = cbuf[i];
            if (c == '\n') {
                if (!lastWasCr) {
                    completedLines++;
                }
                lastWasCr = false;
            } else if (c == '\r') {
                completedLines++;
                lastWasCr = true;
            } else {
                lastWasCr = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
