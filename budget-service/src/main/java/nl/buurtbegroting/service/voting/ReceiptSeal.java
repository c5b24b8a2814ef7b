package nl.buurtbegroting.service.voting;

import nl.buurtbegroting.service.signing.ReceiptFile;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Seals a receipt for a retried submission with AES-256-GCM under a key derived from the code and the
 * submission id (which only the voter's client holds), so the stored row reveals neither the receipt nor
 * the ballot it commits to. The sealed text also holds a digest of the ballot content, so a retry with a
 * different ballot is told apart from a lost response.
 */
final class ReceiptSeal {

    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private ReceiptSeal() {
    }

    /** One cipher object a thread: looking up the provider's AES-GCM anew costs more than the sealing itself. */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    /**
     * Seals {@code receipt}; {@code signedFile} is its signed receipt file (canonical JSON), or null for a
     * receipt without one.
     */
    static byte[] seal(byte[] key, ReceiptView receipt, byte[] signedFile, byte[] contentDigest, SecureRandom random) {
        String text = receipt.receiptId() + '|' + receipt.ballotHash() + '|' + receipt.channel() + '|'
                + receipt.castOn() + '|' + HexFormat.of().formatHex(contentDigest)
                + (signedFile == null ? "" : "|" + Base64.getEncoder().encodeToString(signedFile));
        try {
            byte[] iv = new byte[IV_LENGTH];
            random.nextBytes(iv);
            // A fresh IV for every seal, so reusing the cipher object never reuses a (key, IV) pair.
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(iv, IV_LENGTH + sealed.length);
            System.arraycopy(sealed, 0, out, IV_LENGTH, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The receipt and content digest, or empty when the key does not open the seal. */
    static Optional<Opened> open(byte[] key, long electionId, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, IV_LENGTH));
            String text = new String(cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH), StandardCharsets.US_ASCII);
            String[] parts = text.split("\\|");
            ReceiptFile signed = parts.length > 5 ? ReceiptFile.written(Base64.getDecoder().decode(parts[5])) : null;
            ReceiptView receipt = new ReceiptView(parts[0], parts[1], electionId, Channel.valueOf(parts[2]), LocalDate.parse(parts[3]),
                    signed);
            return Optional.of(new Opened(receipt, HexFormat.of().parseHex(parts[4])));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    record Opened(ReceiptView receipt, byte[] contentDigest) {
    }
}
