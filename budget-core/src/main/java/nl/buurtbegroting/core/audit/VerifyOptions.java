package nl.buurtbegroting.core.audit;

import java.util.Locale;

/**
 * What the verifier is told besides the bundle.
 *
 * @param expectedKeyFingerprint the published fingerprint of the municipality's signing key (SHA-256 of
 *                               the raw public key, hex, optionally prefixed {@code sha256:}, colons allowed),
 *                               or null. Without it a valid signature proves only that the bundle is
 *                               unchanged since <em>someone</em> signed it.
 * @param receipt                a resident's receipt file, or null
 */
public record VerifyOptions(String expectedKeyFingerprint, byte[] receipt) {

    public static VerifyOptions none() {
        return new VerifyOptions(null, null);
    }

    public static VerifyOptions expectingKey(String fingerprint) {
        return new VerifyOptions(fingerprint, null);
    }

    public VerifyOptions withReceipt(byte[] receiptFile) {
        return new VerifyOptions(expectedKeyFingerprint, receiptFile);
    }

    /** The fingerprint as 64 lowercase hex digits, or null when none was given. */
    String normalizedFingerprint() {
        if (expectedKeyFingerprint == null || expectedKeyFingerprint.isBlank()) {
            return null;
        }
        String f = expectedKeyFingerprint.strip().toLowerCase(Locale.ROOT);
        if (f.startsWith("sha256:")) {
            f = f.substring(7);
        }
        return f.replace(":", "");
    }
}
