package nl.buurtbegroting.service.signing;

import jakarta.inject.Singleton;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.audit.Receipt;

import java.util.Map;

/**
 * Signs a resident's receipt when a ballot is stored (docs/verification.md §3): the election, the key id,
 * the ballot in published form with its nonce and its leaf hash, signed with the deployment's current key.
 * The leaf hash is the one the published bundle's Merkle tree holds, so after publication the same receipt
 * plus the inclusion proof from {@code GET /api/elections/{id}/receipts/{ballotHash}} verifies with
 * {@code budget verify --receipt}. Ed25519 is deterministic: signing the same ballot again with the same
 * key gives the same receipt.
 */
@Singleton
public class ReceiptSigner {

    private final SigningKeys keys;

    public ReceiptSigner(SigningKeys keys) {
        this.keys = keys;
    }

    /**
     * The signed receipt of a ballot in its published form (with its nonce). The receipt is written once,
     * because this runs for every ballot cast.
     *
     * @param leafHash the ballot's leaf hash, the receipt's {@code ballotHash}
     * @param json     the receipt file's members, for embedding in a response
     * @param file     the same as canonical JSON (without the file's final newline)
     */
    public record Signed(byte[] leafHash, Map<String, Object> json, byte[] file) {
    }

    public Signed sign(long electionId, CanonicalBallot ballot) {
        Receipt receipt = Receipt.issue(Long.toString(electionId), ballot, keys.current());
        byte[] file = CanonicalJson.write(receipt.toJsonObject());
        // The answer carries the members in canonical order, exactly as a replay read back from the seal does.
        return new Signed(receipt.leafHash().bytes(), asJson(file), file);
    }

    /** A receipt file as JSON values, for embedding in a response. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asJson(byte[] receiptFile) {
        return (Map<String, Object>) CanonicalJson.readLenient("receipt", receiptFile);
    }
}
