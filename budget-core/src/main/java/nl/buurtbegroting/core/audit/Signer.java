package nl.buurtbegroting.core.audit;

/**
 * Produces an Ed25519 signature (RFC 8032, 64 bytes) over a message. The service plugs in its Bouncy
 * Castle key here, so that this library never sees a private key store; tests use {@link JdkSigner}.
 */
@FunctionalInterface
public interface Signer {
    byte[] sign(byte[] message);
}
