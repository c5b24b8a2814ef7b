package nl.buurtbegroting.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of an audit bundle, by name, as bytes. Written as a directory or as a zip; the zip is
 * deterministic (entries sorted by name, stored uncompressed, every timestamp 1980-02-01 00:00, no extra
 * fields; see {@link DeterministicZip}), so the same files always give the same zip, whatever machine,
 * time zone, JDK or zlib made it.
 *
 * <p>The integrity of a bundle rests on its files (checksums and signature), not on the zip. Reading a
 * zip is nevertheless strict: it must be exactly the zip this class writes for its files, so that a
 * changed byte anywhere, also in zip headers no reader looks at, is noticed.
 */
public final class AuditBundle {

    public static final String MANIFEST = "manifest.json";
    public static final String EVENTS = "events.json";
    public static final String BALLOTS = "ballots.json";
    public static final String COUNTS = "counts.json";
    public static final String MERKLE = "merkle.json";
    public static final String OUTCOME = "outcome.json";
    public static final String CHECKSUMS = "SHA256SUMS";
    public static final String SIGNATURE = "signature.json";

    /** Every file a bundle may hold; all but {@link #BALLOTS} are required. */
    public static final List<String> FILE_NAMES = List.of(MANIFEST, EVENTS, BALLOTS, COUNTS, MERKLE, OUTCOME, CHECKSUMS,
            SIGNATURE);

    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;
    static final int MAX_ENTRIES = 64;

    private final SortedMap<String, byte[]> files;

    private AuditBundle(SortedMap<String, byte[]> files) {
        this.files = files;
    }

    /** A bundle of the given files (copied). Names must be plain file names. */
    public static AuditBundle of(Map<String, byte[]> files) {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            requirePlainName(e.getKey(), "bundle");
            copy.put(e.getKey(), e.getValue().clone());
        }
        return new AuditBundle(copy);
    }

    private static void requirePlainName(String name, String source) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c < 0x20)) {
            throw new BundleFormatException(source, name, "not a plain file name");
        }
    }

    /** The file names, sorted. */
    public List<String> names() {
        return List.copyOf(files.keySet());
    }

    public boolean has(String name) {
        return files.containsKey(name);
    }

    /** The bytes of a file (a copy), or null when the bundle has no such file. */
    public byte[] file(String name) {
        byte[] b = files.get(name);
        return b == null ? null : b.clone();
    }

    byte[] fileNoCopy(String name) {
        return files.get(name);
    }

    /** The bundle with one file replaced or added. */
    public AuditBundle with(String name, byte[] bytes) {
        requirePlainName(name, "bundle");
        TreeMap<String, byte[]> copy = new TreeMap<>(files);
        copy.put(name, bytes.clone());
        return new AuditBundle(copy);
    }

    /** The bundle without a file. */
    public AuditBundle without(String name) {
        TreeMap<String, byte[]> copy = new TreeMap<>(files);
        copy.remove(name);
        return new AuditBundle(copy);
    }

    public Map<String, byte[]> files() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** The deterministic zip of this bundle (layout: {@link DeterministicZip}). */
    public byte[] toZip() {
        return DeterministicZip.write(files);
    }

    /** SHA-256 of {@link #toZip()}: the "bundle hash" a result page can show next to the download. */
    public Digest zipHash() {
        return Digest.sha256(toZip());
    }

    /**
     * Reads a zip written by {@link #toZip()}.
     *
     * @throws BundleFormatException when it is not a readable zip, has directories, nested paths,
     *                               duplicate or oversized entries, or is not byte for byte the canonical zip of its files
     */
    public static AuditBundle fromZip(byte[] zipBytes) {
        TreeMap<String, byte[]> files = DeterministicZip.read(zipBytes, "bundle zip", MAX_FILE_BYTES, MAX_ENTRIES);
        long total = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            requirePlainName(e.getKey(), "bundle zip");
            total += e.getValue().length;
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new BundleFormatException("bundle zip", "", "larger than " + MAX_TOTAL_BYTES + " bytes unpacked");
        }
        return new AuditBundle(files);
    }

    /** Reads a bundle from a zip file or from a directory holding its files. */
    public static AuditBundle read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            TreeMap<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(path)) {
                for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p)) {
                        throw new BundleFormatException(path.toString(), name, "a bundle holds files only, no directories");
                    }
                    if (files.size() >= MAX_ENTRIES) {
                        throw new BundleFormatException(path.toString(), "", "more than " + MAX_ENTRIES + " files");
                    }
                    if (Files.size(p) > MAX_FILE_BYTES) {
                        throw new BundleFormatException(path.toString(), name, "larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    files.put(name, Files.readAllBytes(p));
                }
            }
            return new AuditBundle(files);
        }
        if (Files.size(path) > MAX_TOTAL_BYTES) {
            throw new BundleFormatException(path.toString(), "", "larger than " + MAX_TOTAL_BYTES + " bytes");
        }
        return fromZip(Files.readAllBytes(path));
    }

    /** Writes the files into a directory (created if needed). */
    public void writeDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
