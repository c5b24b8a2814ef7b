package nl.buurtbegroting.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The one zip layout a bundle uses, written and read here rather than by {@code java.util.zip}, so that
 * the bytes are fixed by this format and not by whichever JDK built or checks the bundle: a bundle
 * published today must still be recognised as canonical by a verifier years from now.
 *
 * <p>Layout (PKWARE APPNOTE 6.3, little-endian): for each file in ascending name order a local file
 * header (version needed 10, flags 0, method 0 = stored, time 0 = 00:00:00, date 0x0041 = 1980-02-01,
 * CRC-32, sizes, name length, extra length 0), the name, the data; then a central directory header per
 * file (version made by 10, the same fields, comment length 0, disk 0, internal attributes 0, external
 * attributes 0, offset of the local header), then the end of central directory record (disk 0, n
 * entries, directory size and offset, comment length 0). No zip64, no data descriptors, no extras.
 */
final class DeterministicZip {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int VERSION = 10;
    private static final int DOS_TIME = 0;
    private static final int DOS_DATE = (0 << 9) | (2 << 5) | 1;
    private static final int LOCAL_HEADER = 30;
    static final int MAX_ENTRIES = 0xffff;

    private DeterministicZip() {
    }

    static byte[] write(SortedMap<String, byte[]> files) {
        if (files.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("too many files for a zip without zip64");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = e.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            long offset = out.size();
            if (offset + LOCAL_HEADER + name.length + (long) data.length > 0xffffffffL) {
                throw new IllegalArgumentException("a bundle zip must stay below 4 GiB");
            }
            int4(out, LOCAL);
            common(out, name.length, data.length, crc.getValue());
            out.writeBytes(name);
            out.writeBytes(data);
            int4(central, CENTRAL);
            int2(central, VERSION);
            common(central, name.length, data.length, crc.getValue());
            int2(central, 0);
            int2(central, 0);
            int2(central, 0);
            int4(central, 0);
            int4(central, offset);
            central.writeBytes(name);
        }
        long centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        int4(out, END);
        int2(out, 0);
        int2(out, 0);
        int2(out, files.size());
        int2(out, files.size());
        int4(out, central.size());
        int4(out, centralOffset);
        int2(out, 0);
        return out.toByteArray();
    }

    /** Version needed, flags, method, time, date, CRC, both sizes, name length, extra length. */
    private static void common(ByteArrayOutputStream out, int nameLength, int size, long crc) {
        int2(out, VERSION);
        int2(out, 0);
        int2(out, 0);
        int2(out, DOS_TIME);
        int2(out, DOS_DATE);
        int4(out, crc);
        int4(out, size);
        int4(out, size);
        int2(out, nameLength);
        int2(out, 0);
    }

    private static void int2(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void int4(ByteArrayOutputStream out, long v) {
        int2(out, (int) (v & 0xffff));
        int2(out, (int) ((v >>> 16) & 0xffff));
    }

    /**
     * The files of a zip in this layout. Reads the local entries in order, then accepts the zip only if
     * writing those files again gives exactly the same bytes, so no header field, directory entry or
     * trailing byte can differ from the canonical layout unnoticed.
     *
     * @throws BundleFormatException saying what is wrong
     */
    static TreeMap<String, byte[]> read(byte[] zip, String source, long maxFileBytes, int maxEntries) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        int pos = 0;
        while (pos + 4 <= zip.length && u4(zip, pos) == LOCAL) {
            if (pos + LOCAL_HEADER > zip.length) {
                throw new BundleFormatException(source, "byte " + pos, "damaged zip: truncated file header");
            }
            if (files.size() >= maxEntries) {
                throw new BundleFormatException(source, "", "more than " + maxEntries + " entries");
            }
            int method = u2(zip, pos + 8);
            long crc = u4(zip, pos + 14);
            long size = u4(zip, pos + 18);
            long stored = u4(zip, pos + 22);
            int nameLength = u2(zip, pos + 26);
            int extraLength = u2(zip, pos + 28);
            if (method != 0) {
                throw new BundleFormatException(source, "byte " + pos, "compressed entry: a bundle zip stores its files");
            }
            if (size != stored || size > maxFileBytes) {
                throw new BundleFormatException(source, "byte " + pos, "damaged zip: impossible entry size");
            }
            int nameAt = pos + LOCAL_HEADER;
            long dataAt = (long) nameAt + nameLength + extraLength;
            if (dataAt + size > zip.length) {
                throw new BundleFormatException(source, "byte " + pos, "damaged zip: entry runs past the end");
            }
            String name = new String(zip, nameAt, nameLength, StandardCharsets.UTF_8);
            byte[] data = Arrays.copyOfRange(zip, (int) dataAt, (int) (dataAt + size));
            CRC32 check = new CRC32();
            check.update(data);
            if (check.getValue() != crc) {
                throw new BundleFormatException(source, name, "damaged zip: the file does not match its CRC");
            }
            if (files.put(name, data) != null) {
                throw new BundleFormatException(source, name, "appears twice in the zip");
            }
            pos = (int) (dataAt + size);
        }
        if (files.isEmpty()) {
            throw new BundleFormatException(source, "", "not a zip, or an empty one");
        }
        byte[] canonical = write(files);
        if (!Arrays.equals(canonical, zip)) {
            int at = Arrays.mismatch(canonical, zip);
            throw new BundleFormatException(source, "byte " + at, "not the canonical zip of its files (changed zip"
                    + " headers, directory or trailing data); unpack it and verify the directory to check the files alone");
        }
        return files;
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u4(byte[] b, int at) {
        return (u2(b, at) | (long) u2(b, at + 2) << 16) & 0xffffffffL;
    }
}
