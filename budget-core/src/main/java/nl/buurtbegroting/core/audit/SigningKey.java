package nl.buurtbegroting.core.audit;

import java.security.KeyPair;
import java.util.Objects;

/**
 * What signs a bundle: the deployment's key id (for rotation: it names the key, the fingerprint proves
 * it), the raw 32-byte public key written into the bundle, and the signer that holds the private key.
 */
public final class SigningKey {

    private final String keyId;
    private final byte[] publicKey;
    private final Signer signer;

    public SigningKey(String keyId, byte[] publicKey, Signer signer) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("key id is blank");
        }
        if (publicKey.length != Ed25519Keys.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        this.publicKey = publicKey.clone();
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** A key held by the JDK (tests, the CLI, small deployments). */
    public static SigningKey of(String keyId, KeyPair pair) {
        return new SigningKey(keyId, Ed25519Keys.raw(pair.getPublic()), new JdkSigner(pair.getPrivate()));
    }

    /** A JDK key from its 32-byte seed: deterministic, for reproducible tests. */
    public static SigningKey fromSeed(String keyId, byte[] seed, byte[] publicKey) {
        return new SigningKey(keyId, publicKey, new JdkSigner(Ed25519Keys.privateKey(seed)));
    }

    public String keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String fingerprint() {
        return Ed25519Keys.fingerprint(publicKey);
    }

    public byte[] sign(byte[] message) {
        return signer.sign(message);
    }
}
