package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterministicZipTest {

    private static TreeMap<String, byte[]> files() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put("b.json", "{\"x\":1}\n".getBytes(StandardCharsets.UTF_8));
        files.put("A", new byte[0]);
        files.put("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static AuditBundle read(byte[] zip) {
        return AuditBundle.fromZip(zip);
    }

    /** The exact bytes of a one-file zip, field by field, as docs/verification.md specifies them. */
    @Test
    void writesTheDocumentedBytes() {
        TreeMap<String, byte[]> one = new TreeMap<>();
        one.put("a", "hi".getBytes(StandardCharsets.US_ASCII));
        String crc = "ac2a93d8"; // CRC-32 of "hi" is 0xd8932aac (zlib.crc32), little-endian
        String expected = "504b0304" + "0a00" + "0000" + "0000" + "0000" + "4100" + crc + "02000000" + "02000000"
                + "0100" + "0000" + "61" + "6869"
                + "504b0102" + "0a00" + "0a00" + "0000" + "0000" + "0000" + "4100" + crc + "02000000" + "02000000"
                + "0100" + "0000" + "0000" + "0000" + "0000" + "00000000" + "00000000" + "61"
                + "504b0506" + "0000" + "0000" + "0100" + "0100" + "2f000000" + "21000000" + "0000";
        assertEquals(expected, HexFormat.of().formatHex(DeterministicZip.write(one)));
    }

    @Test
    void theJdkReadsItAsAnOrdinaryZip(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("b.zip");
        Files.write(zip, DeterministicZip.write(files()));
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod());
                assertEquals("1980-02-01T00:00", e.getTimeLocal().toString());
                assertArrayEquals(files().get(e.getName()), z.getInputStream(e).readAllBytes());
            }
        }
        assertEquals(List.of("A", "a.txt", "b.json"), names);
    }

    @Test
    void readsBackWhatItWrote() {
        byte[] zip = DeterministicZip.write(files());
        AuditBundle b = read(zip);
        assertEquals(List.of("A", "a.txt", "b.json"), b.names());
        assertArrayEquals(zip, b.toZip());
    }

    @Test
    void rejectsEveryChangedByte() {
        byte[] zip = DeterministicZip.write(files());
        for (int i = 0; i < zip.length; i++) {
            byte[] copy = zip.clone();
            copy[i] ^= 0x20;
            int at = i;
            assertThrows(BundleFormatException.class, () -> read(copy), "byte " + at);
        }
    }

    @Test
    void rejectsTrailingOrMissingBytes() {
        byte[] zip = DeterministicZip.write(files());
        assertThrows(BundleFormatException.class, () -> read(Arrays.copyOf(zip, zip.length + 1)));
        for (int n : new int[] {0, 4, 29, 40, zip.length - 22, zip.length - 1}) {
            assertThrows(BundleFormatException.class, () -> read(Arrays.copyOf(zip, n)), "first " + n + " bytes");
        }
    }

    @Test
    void namesACorruptedFile() {
        byte[] zip = DeterministicZip.write(files());
        int at = indexOf(zip, "hello".getBytes(StandardCharsets.US_ASCII));
        zip[at] = 'j';
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> read(zip));
        assertEquals("a.txt", e.location());
        assertTrue(e.detail().contains("CRC"), e.getMessage());
    }

    @Test
    void refusesNestedPaths() {
        TreeMap<String, byte[]> bad = new TreeMap<>();
        bad.put("../evil", new byte[1]);
        assertThrows(BundleFormatException.class, () -> read(DeterministicZip.write(bad)));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
