package nl.buurtbegroting.service.signing;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A public signing key as published: its id, the raw 32-byte Ed25519 key in base64 and its fingerprint
 * (SHA-256 of the raw key, hex), which is what a verifier must be told to trust.
 *
 * @param current whether this key signs new receipts and bundles
 */
@Serdeable
public record SigningKeyView(String keyId, String algorithm, String publicKey, String fingerprint, Instant firstUsed,
                             boolean current) {
}
