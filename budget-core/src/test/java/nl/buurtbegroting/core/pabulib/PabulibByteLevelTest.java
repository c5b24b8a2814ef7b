package nl.buurtbegroting.core.pabulib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader works on bytes in blocks: what must not depend on where a block ends (a character or a
 * record cut in two, a record larger than the buffer), the votes read straight from the bytes against
 * the text path they fall back to, and text from a {@link java.io.Reader}, which takes the same path.
 */
class PabulibByteLevelTest {

    private static final String HEAD = "META\nkey;value\nbudget;100\nvote_type;approval\n"
            + "PROJECTS\nproject_id;cost;name\n1;10;één\n\u017c2;20;x\nVOTES\nvoter_id;vote\n";

    /** A file whose rows push a two-byte character, then a CR LF, across every offset of a block end. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void charactersAndLineEndsCutByABlockEnd(int shift) throws IOException {
        StringBuilder sb = new StringBuilder(HEAD);
        int rows = 0;
        while (sb.length() < 3 * 65536) {
            sb.append("v").append(rows++).append(";1,\u017c2").append(" ".repeat(shift))
                    .append(rows % 2 == 0 ? "\r\n" : "\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Election e = PabulibReader.read(trickle(bytes), "x");
        assertEquals(rows, e.profile().size());
        for (Ballot b : e.profile().ballots()) {
            assertEquals(List.of("1", "\u017c2"), List.copyOf(b.supported()));
        }
        assertEquals(e.profile().ballots(), PabulibReader.read(new StringReader(sb.toString()), "x").profile().ballots());
    }

    /** The line of a malformed byte deep in the file counts every line before it, across blocks. */
    @Test
    void malformedByteAfterManyBlocksIsOnItsLine() {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int v = 0; v < 30_000; v++) {
            sb.append(v).append(";1\r\n");
        }
        byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length + 3);
        bad[good.length] = 'v';
        bad[good.length + 1] = ';';
        bad[good.length + 2] = (byte) 0xc3; // a two-byte character cut off by the end of the input
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibReader.read(new ByteArrayInputStream(bad), "x"));
        assertEquals(ErrorCode.INVALID_ENCODING, ex.code());
        assertEquals(10 + 30_000 + 1, ex.line());
    }

    @Test
    void overlongAndSurrogateBytesAreRefused() {
        for (byte[] wrong : List.of(new byte[]{(byte) 0xc0, (byte) 0xaf}, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[]{(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xe0, (byte) 0x9f, (byte) 0xbf})) {
            byte[] head = HEAD.getBytes(StandardCharsets.UTF_8);
            byte[] file = java.util.Arrays.copyOf(head, head.length + wrong.length + 3);
            file[head.length] = 'v';
            file[head.length + 1] = ';';
            System.arraycopy(wrong, 0, file, head.length + 2, wrong.length);
            file[file.length - 1] = '\n';
            PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                    () -> PabulibReader.read(new ByteArrayInputStream(file), "x"));
            assertEquals(ErrorCode.INVALID_ENCODING, ex.code());
            assertEquals(11, ex.line());
        }
    }

    /** A quoted name of 300,000 characters over several lines: the record outgrows the buffer. */
    @Test
    void recordLargerThanTheBuffer() throws IOException {
        String name = ("ą\"\"b;" + "\r\n").repeat(30_000) + "z";
        String text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n1;10;\""
                + name + "\"\n2;5;x\nVOTES\nvoter_id;vote\nv;2\n";
        Election e = PabulibReader.read(trickle(text.getBytes(StandardCharsets.UTF_8)), "x");
        assertEquals(name.replace("\"\"", "\""), e.instance().projects().get(0).name());
        assertEquals("2", e.instance().projects().get(1).id());
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibTestFiles.parse(text.replace("2;5;x", "2;5;x;")));
        assertEquals(6 + 30_000 + 2, ex.line());
        assertEquals(ErrorCode.WRONG_FIELD_COUNT, ex.code());
    }

    /** Votes with ids or white space beyond ASCII are read through the text path, with the same result. */
    @Test
    void votesBeyondAsciiTakeTheTextPath() throws IOException {
        Election e = PabulibTestFiles.parse(HEAD + "a;\u3000 1 ,\u017c2\u2003\nb; 1 ,, 1,\u017c2 \n");
        assertEquals(new ApprovalBallot("a", java.util.Set.of("1", "\u017c2"), Map.of()), e.profile().ballots().get(0));
        assertEquals(List.of("1", "\u017c2"), List.copyOf(e.profile().ballots().get(1).supported()));
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibTestFiles.parse(HEAD + "a;1,\u00a01\n"));
        assertEquals(ErrorCode.UNKNOWN_PROJECT, ex.code());
        assertEquals("project '\u00a01' is not in PROJECTS", ex.detail());
        ex = assertThrows(PabulibFormatException.class, () -> PabulibTestFiles.parse(HEAD + "a;1, 3 ,\u017c9\n"));
        assertEquals("project '3' is not in PROJECTS", ex.detail());
    }

    /** Text with a character outside the BMP reads as its file does; a broken surrogate pair is refused. */
    @Test
    void readerTextIsEncodedFaithfully() throws IOException {
        String text = HEAD.replace("één", "\uD83D\uDE00 smile") + "v;1\n";
        assertEquals("\uD83D\uDE00 smile", PabulibTestFiles.parse(text).instance().projects().get(0).name());
        assertEquals(PabulibTestFiles.parse(text).instance(),
                PabulibReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x").instance());
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibTestFiles.parse(text.replace("\uDE00", "")));
        assertEquals(ErrorCode.INVALID_ENCODING, ex.code());
        assertEquals(7, ex.line());
        ex = assertThrows(PabulibFormatException.class, () -> PabulibReader.read(new StringReader(text), "x",
                PabulibReader.Options.DEFAULT.withMaxBytes(text.length() - 1)));
        assertEquals(ErrorCode.TOO_LARGE, ex.code());
        assertEquals("input is larger than " + (text.length() - 1)
                + " characters; raise the reader's size limit if this file is genuine", ex.detail());
    }

    /** Bytes handed over a few at a time, so that blocks end everywhere. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            private int call;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (call++ * 7919) % 9000));
            }
        };
    }
}
