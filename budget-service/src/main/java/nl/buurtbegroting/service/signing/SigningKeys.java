package nl.buurtbegroting.service.signing;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import nl.buurtbegroting.service.PrivateFiles;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import nl.buurtbegroting.core.audit.SigningKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment's Ed25519 signing keys, which sign receipts and audit bundles. Private keys live in
 * files outside the database:
 * <ul>
 *   <li>the current key: {@code bb.signing.key-file} (environment {@code BB_SIGNING_KEY_FILE}), by default
 *       {@code <bb.key-dir>/signing-key.ed25519} (BB_KEY_DIR, default {@code ./keys}, apart from the data), created with 32 bytes of {@link SecureRandom} and mode 0600
 *       on the first start when absent. The file holds the key's 32-byte seed in base64 on one line (lines
 *       starting with {@code #} are comments);</li>
 *   <li>retired keys, still needed to sign receipts of elections published under them:
 *       {@code bb.signing.retired-key-files} (comma-separated paths).</li>
 * </ul>
 * A key's id is {@code bb.signing.key-id} when set (current key only), otherwise {@code bb-} and the first
 * 16 hex digits of its fingerprint, so a new key file gives a new key id. Rotating: point
 * {@code bb.signing.key-file} at a new (or not yet existing) file and list the old one as retired. Every
 * key's public half is recorded in the {@code signing_key} table at start, so
 * {@code GET /api/signing-keys} keeps listing the keys of older bundles. Private key material is never
 * logged or stored in the database.
 */
@Context
public class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    static final String DEFAULT_FILE = "signing-key.ed25519";
    private static final int SEED_LENGTH = 32;

    private final SigningKey current;
    private final Map<String, SigningKey> byId = new LinkedHashMap<>();
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public SigningKeys(@Property(name = "bb.signing.key-file") @Nullable String keyFile,
                       @Property(name = "bb.signing.key-id") @Nullable String keyId,
                       @Value("${bb.signing.retired-key-files:}") String retired,
                       @Property(name = "bb.data-dir") @Nullable String dataDir,
                       @Property(name = "bb.key-dir") @Nullable String keyDir,
                       TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        Path file = keyFile != null && !keyFile.isBlank() ? Path.of(keyFile)
                : PrivateFiles.keyFile(keyDir, dataDir, DEFAULT_FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        current = load(file, keyId);
        byId.put(current.keyId(), current);
        for (String path : retired.split(",")) {
            if (!path.isBlank()) {
                SigningKey old = load(Path.of(path.strip()), null);
                byId.putIfAbsent(old.keyId(), old);
            }
        }
        this.clock = clock;
        LOG.info("Signing key {} (fingerprint {}) from {}", current.keyId(), current.fingerprint(), file);
    }

    /** The key that signs new receipts and bundles. */
    public SigningKey current() {
        return current;
    }

    /** A key this instance holds (current or retired), by id. */
    public Optional<SigningKey> byId(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** Every key this deployment has used, public halves only, oldest first. */
    public List<SigningKeyView> published() {
        return transactions.executeRead(status -> {
            List<SigningKeyView> out = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT key_id, public_key, fingerprint, first_used FROM signing_key ORDER BY first_used, key_id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    out.add(new SigningKeyView(id, "Ed25519", r.getString(2), r.getString(3),
                            r.getTimestamp(4).toInstant(), id.equals(current.keyId())));
                }
            }
            return out;
        });
    }

    /** Records the public halves once the database is migrated. */
    @EventListener
    void onStartup(StartupEvent event) {
        register(Instant.now(clock));
    }

    private void register(Instant now) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            for (SigningKey key : byId.values()) {
                try (PreparedStatement q = c.prepareStatement("SELECT fingerprint FROM signing_key WHERE key_id = ?")) {
                    q.setString(1, key.keyId());
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            if (!r.getString(1).equals(key.fingerprint())) {
                                throw new IllegalStateException("signing key id " + key.keyId()
                                        + " was used before for another key; give the new key another bb.signing.key-id");
                            }
                            continue;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO signing_key (key_id, public_key, fingerprint, first_used) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, key.keyId());
                    s.setString(2, Base64.getEncoder().encodeToString(key.publicKey()));
                    s.setString(3, key.fingerprint());
                    s.setTimestamp(4, Timestamp.from(now));
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    static SigningKey load(Path file, @Nullable String configuredId) {
        byte[] seed;
        try {
            seed = decode(Files.readString(file, StandardCharsets.US_ASCII), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file, e);
        }
        BouncyCastleSigner signer = new BouncyCastleSigner(new Ed25519PrivateKeyParameters(seed, 0));
        Arrays.fill(seed, (byte) 0);
        byte[] publicKey = signer.publicKey();
        String fingerprint = nl.buurtbegroting.core.audit.Ed25519Keys.fingerprint(publicKey);
        String id = configuredId != null && !configuredId.isBlank() ? configuredId.strip() : "bb-" + fingerprint.substring(0, 16);
        if (id.length() > 64 || !id.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalStateException("bb.signing.key-id must be at most 64 letters, digits, '.', '_', ':' or '-'");
        }
        return new SigningKey(id, publicKey, signer);
    }

    private static byte[] decode(String text, Path file) {
        StringBuilder b64 = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                b64.append(l);
            }
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            // The message of the decoder could quote key material; say only what is wrong.
            throw new IllegalStateException("the signing key file " + file + " is not base64", null);
        }
        if (seed.length != SEED_LENGTH) {
            throw new IllegalStateException("the signing key file " + file + " must hold a 32-byte Ed25519 seed in base64");
        }
        return seed;
    }

    /** Writes a fresh seed readable by the owner only; a concurrent creator's file wins. */
    static void create(Path file) {
        byte[] seed = new byte[SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        String text = "# Buurtbegroting Ed25519 signing key (seed, base64). Keep it secret; back it up.\n"
                + Base64.getEncoder().encodeToString(seed) + "\n";
        Arrays.fill(seed, (byte) 0);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.info("Created a new signing key file {} (mode 0600)", file);
        } catch (FileAlreadyExistsException raced) {
            // Another instance created it first; use that one.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the signing key file " + file, e);
        }
    }
}
