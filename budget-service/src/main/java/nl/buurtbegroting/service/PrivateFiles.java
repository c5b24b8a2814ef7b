package nl.buurtbegroting.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Where the service keeps files and who may read them. The data directory (the H2 database: code hashes, ballots,
 * sealed receipts, paper keyings) and the key directory are the service user's alone: directories 0700, files 0600.
 * Keys live in their own directory ({@code bb.key-dir}, BB_KEY_DIR, default {@code ./keys}) apart from the data,
 * so a backup of the data does not carry the key that recognises the codes.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    public static final String DEFAULT_KEY_DIR = "./keys";

    private PrivateFiles() {
    }

    /**
     * The key file {@code name}: in the key directory, unless an older version left it in the data directory and the
     * key directory has none yet; that one is kept (a new key would orphan every issued code), with a warning.
     */
    public static Path keyFile(String keyDir, String dataDir, String name) {
        Path dir = Path.of(keyDir == null || keyDir.isBlank() ? DEFAULT_KEY_DIR : keyDir);
        Path file = dir.resolve(name);
        Path legacy = Path.of(dataDir == null || dataDir.isBlank() ? "./data" : dataDir).resolve(name);
        if (!Files.exists(file) && Files.isRegularFile(legacy)) {
            LOG.warn("The key {} is in the data directory, so backups of the data carry it. Move it to {} (BB_KEY_DIR).",
                    legacy, dir);
            return legacy;
        }
        makePrivate(dir);
        return file;
    }

    /** Creates {@code dir} if needed and makes it and every file directly in it private to this user. */
    public static void makePrivate(Path dir) {
        try {
            Files.createDirectories(dir);
            setMode(dir, "rwx------");
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).forEach(f -> setMode(f, "rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private to the service's user", e);
        }
    }

    private static void setMode(Path path, String mode) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: its own access control applies.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the mode of " + path, e);
        }
    }
}
