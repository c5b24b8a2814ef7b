package nl.buurtbegroting.service.signing;

import jakarta.inject.Singleton;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.audit.Receipt;

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
     * @param json     the receipt file, for embedding in a response as it was written
     * @param file     the same canonical JSON bytes (without the file's final newline), for sealing
     */
    public record Signed(byte[] leafHash, ReceiptFile json, byte[] file) {
    }

    public Signed sign(long electionId, CanonicalBallot ballot) {
        Receipt receipt = Receipt.issue(Long.toString(electionId), ballot, keys.current());
        byte[] file = CanonicalJson.write(receipt.toJsonObject());
        // The answer carries these bytes as they are, exactly as a replay read back from the seal does.
        return new Signed(receipt.leafHash().bytes(), new ReceiptFile(file), file);
    }
}
