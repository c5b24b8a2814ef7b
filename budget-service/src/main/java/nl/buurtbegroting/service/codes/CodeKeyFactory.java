package nl.buurtbegroting.service.codes;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import nl.buurtbegroting.service.PrivateFiles;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the voting-code key comes from, in order:
 * <ol>
 *   <li>{@code bb.code-key} (environment {@code BB_CODE_KEY}): the key in base64, at least 32 bytes;</li>
 *   <li>{@code bb.code-key-file} (environment {@code BB_CODE_KEY_FILE}): a file holding that base64 text,
 *       which must exist;</li>
 *   <li>otherwise {@code <bb.key-dir>/voting-code.key} (BB_KEY_DIR, default {@code ./keys}, apart from the data), created with 32 random bytes and mode 0600 the
 *       first time (development and demo on the embedded database).</li>
 * </ol>
 * The key never enters the database, so a copy of the database alone cannot tell which code hash belongs
 * to which printed code. Several instances sharing one PostgreSQL must share the key (option 1 or 2).
 * The key is never logged.
 */
@Factory
class CodeKeyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(CodeKeyFactory.class);
    static final String DEFAULT_FILE = "voting-code.key";

    @Singleton
    CodeHasher codeHasher(@Property(name = "bb.code-key") @Nullable String key,
                          @Property(name = "bb.code-key-file") @Nullable String keyFile,
                          @Property(name = "bb.data-dir") @Nullable String dataDir,
                          @Property(name = "bb.key-dir") @Nullable String keyDir) {
        if (key != null && !key.isBlank()) {
            return new CodeHasher(decode(key, "bb.code-key (BB_CODE_KEY)"));
        }
        if (keyFile != null && !keyFile.isBlank()) {
            Path file = Path.of(keyFile);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("bb.code-key-file (BB_CODE_KEY_FILE) names no file: " + file);
            }
            return new CodeHasher(read(file));
        }
        Path file = PrivateFiles.keyFile(keyDir, dataDir, DEFAULT_FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        return new CodeHasher(read(file));
    }

    static byte[] decode(String text, String source) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text.strip());
            if (bytes.length < CodeHasher.MIN_KEY_LENGTH) {
                throw new IllegalStateException(source + " must hold at least " + CodeHasher.MIN_KEY_LENGTH + " bytes");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", null);
        }
    }

    private static byte[] read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "the voting-code key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the voting-code key file " + file, e);
        }
    }

    /** Writes a fresh key readable by the owner only; a concurrent creator's file wins. */
    static void create(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), DEFAULT_FILE, ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Not a POSIX file system: the directory's own protection has to do.
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, file);
                LOG.warn("Created a new voting-code key at {}. Keep it out of database backups; without it no issued "
                        + "code can be recognised. Production: set BB_CODE_KEY or BB_CODE_KEY_FILE.", file);
            } catch (FileAlreadyExistsException raced) {
                LOG.debug("Another process created the voting-code key first");
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the voting-code key file " + file, e);
        }
    }
}
