package nl.buurtbegroting.core.audit;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Objects;

/** A {@link Signer} on the JDK's own Ed25519 (Java 15 and later). */
public record JdkSigner(PrivateKey privateKey) implements Signer {

    public JdkSigner {
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519: " + e.getMessage(), e);
        }
    }
}
