package nl.buurtbegroting.service.codes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Keyed hashes of codes: HMAC-SHA-256 under a key that lives outside the database. The database keeps
 * {@link #hash(VotingCode)} to recognise a code; other values derived from a code (the look-up of a
 * retried submission, the key that seals its receipt) use the same key with a distinct label, so no two
 * of them can be matched to each other without the code. Thread-safe.
 */
public final class CodeHasher {

    /** Bytes in every hash. */
    public static final int HASH_LENGTH = 32;
    /** Shortest acceptable key. */
    public static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public CodeHasher(byte[] key) {
        if (key == null || key.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the voting-code key must be at least " + MIN_KEY_LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /** HMAC(code): what the code table stores and looks up. */
    public byte[] hash(VotingCode code) {
        Mac mac = macs.get();
        return mac.doFinal(code.canonical().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * HMAC(label ‖ 0 ‖ code ‖ 0 ‖ extra) for one purpose. Labels keep purposes apart: the value for one
     * label says nothing about the value for another.
     */
    public byte[] derive(String label, VotingCode code, String extra) {
        Mac mac = macs.get();
        mac.update(label.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(code.canonical().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(extra.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    public static boolean sameSecret(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }

    @Override
    public String toString() {
        return "CodeHasher[key hidden]";
    }
}
