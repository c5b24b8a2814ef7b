package nl.buurtbegroting.service.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 (Bouncy Castle) with a 16-byte random salt and a 256-bit key, stored as
 * {@code pbkdf2-sha256$iterations$salt$hash}. The iteration count is part of the stored value so
 * it can be raised later without invalidating existing accounts. The default, 600 000, is OWASP's
 * 2023 recommendation for this function; tests lower it through configuration to stay fast.
 */
@Singleton
public class PasswordHasher {

    static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /**
     * Hashing runs here, never on the caller's thread: the callers are threads of the blocking pool that also
     * carries ballots, and a burst of logins on that pool took every core for a minute. With
     * {@code bb.security.login-threads} (1) threads a burst costs at most that many cores; the callers wait
     * without using any, and {@code LoginThrottle} bounds how many may wait.
     */
    private final ExecutorService threads;
    private volatile String dummyHash;

    public PasswordHasher(int iterations) {
        this(iterations, 1);
    }

    @Inject
    public PasswordHasher(@Value("${bb.security.password-iterations:600000}") int iterations,
                          @Value("${bb.security.login-threads:1}") int threadCount) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("bb.security.password-iterations must be at least 1000");
        }
        if (threadCount < 1) {
            throw new IllegalArgumentException("bb.security.login-threads must be at least 1");
        }
        this.iterations = iterations;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "password-hash-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** Constant-time comparison; a malformed stored value never matches. */
    public boolean matches(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return Arrays.constantTimeAreEqual(expected, derive(password, salt, rounds));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Spends the same time as a real check, so a login for an unknown user cannot be told apart by timing. */
    public void burn(char[] password) {
        // Built on first use rather than at startup: one hash costs about half a second.
        String dummy = dummyHash;
        if (dummy == null) {
            dummy = hash("not a password".toCharArray());
            dummyHash = dummy;
        }
        matches(password, dummy);
    }

    private byte[] derive(char[] password, byte[] salt, int rounds) {
        Future<byte[]> result = threads.submit(() -> deriveHere(password, salt, rounds));
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a password", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static byte[] deriveHere(char[] password, byte[] salt, int rounds) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        byte[] secret = toUtf8(password);
        try {
            generator.init(secret, salt, rounds);
            return ((KeyParameter) generator.generateDerivedParameters(KEY_BITS)).getKey();
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] toUtf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
