package nl.buurtbegroting.service.signing;

import nl.buurtbegroting.core.audit.Signer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 (RFC 8032) signatures with Bouncy Castle's lightweight API; the private key never leaves this object. */
final class BouncyCastleSigner implements Signer {

    private final Ed25519PrivateKeyParameters privateKey;

    BouncyCastleSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    @Override
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    @Override
    public String toString() {
        return "BouncyCastleSigner[Ed25519]";
    }
}
