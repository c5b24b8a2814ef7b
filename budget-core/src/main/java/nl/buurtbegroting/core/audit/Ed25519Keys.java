package nl.buurtbegroting.core.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 keys in the forms bundles use, on the JDK alone. A public key travels as its raw 32 bytes
 * (RFC 8032 §5.1.5, what Bouncy Castle's {@code Ed25519PublicKeyParameters.getEncoded()} gives); the
 * JDK wants X.509 SubjectPublicKeyInfo (RFC 8410), which for Ed25519 is a fixed 12-byte prefix
 * followed by those 32 bytes, so conversion is a concatenation, not a parse.
 */
public final class Ed25519Keys {

    /** DER of SubjectPublicKeyInfo { id-Ed25519 } up to the key bytes (RFC 8410 §4). */
    static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER of OneAsymmetricKey { v1, id-Ed25519 } up to the 32-byte seed (RFC 8410 §7). */
    static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    /** The raw 32-byte public key of a JDK (or any X.509-encodable) Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != SPKI_PREFIX.length + PUBLIC_KEY_LENGTH
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /** The X.509 SubjectPublicKeyInfo of a raw key, e.g. for {@code openssl pkey -pubin}. */
    public static byte[] spki(byte[] rawPublicKey) {
        requireLength(rawPublicKey);
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_LENGTH);
        System.arraycopy(rawPublicKey, 0, out, SPKI_PREFIX.length, PUBLIC_KEY_LENGTH);
        return out;
    }

    public static PublicKey publicKey(byte[] rawPublicKey) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki(rawPublicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** A private key from its 32-byte seed (RFC 8032's "secret key"). */
    public static PrivateKey privateKey(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable Ed25519 seed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code message} under the raw public key.
     * Malformed keys or signatures are simply not valid: a verifier must never throw on hostile input.
     */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initVerify(publicKey(rawPublicKey));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key's fingerprint: SHA-256 of the raw 32 bytes, in hex. This is what a municipality publishes. */
    public static String fingerprint(byte[] rawPublicKey) {
        requireLength(rawPublicKey);
        return Digest.sha256(rawPublicKey).hex();
    }

    private static void requireLength(byte[] rawPublicKey) {
        if (rawPublicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + rawPublicKey.length);
        }
    }
}
