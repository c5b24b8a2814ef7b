package nl.buurtbegroting.core.audit;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nl.buurtbegroting.core.model.VoteType;

/**
 * A resident's receipt. Issued and signed when the ballot is accepted: it names the election and the
 * ballot's leaf hash (and carries the ballot itself, so the resident can see what the hash stands for),
 * signed with the deployment's key. After publication the service adds the inclusion proof, which needs
 * no signature: it either leads to the signed Merkle root or it does not.
 *
 * <p>The signature covers the canonical JSON of every member except {@code signature} and
 * {@code inclusion}. The same key signs bundles, but the two messages cannot be confused: a receipt's
 * signed bytes begin with <code>{</code>, a SHA256SUMS file with a hex digit.
 *
 * @param ballot    the ballot, or null when the service chose not to repeat it
 * @param signature base64 of the 64-byte Ed25519 signature
 * @param inclusion the inclusion proof, or null before publication
 */
public record Receipt(String electionId, String keyId, Digest leafHash, CanonicalBallot ballot, String signature,
                      InclusionProof inclusion) {

    public static final long FORMAT = 1;

    public Receipt {
        Objects.requireNonNull(electionId, "electionId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(signature, "signature");
        if (ballot != null && !ballot.leafHash().equals(leafHash)) {
            throw new IllegalArgumentException("the ballot does not hash to the receipt's leaf hash");
        }
    }

    /** Signs a receipt for a ballot just accepted. */
    public static Receipt issue(String electionId, CanonicalBallot ballot, SigningKey key) {
        Receipt unsigned = new Receipt(electionId, key.keyId(), ballot.leafHash(), ballot, "", null);
        byte[] sig = key.sign(unsigned.signedBytes());
        return new Receipt(electionId, key.keyId(), ballot.leafHash(), ballot, Base64.getEncoder().encodeToString(sig),
                null);
    }

    /** The receipt with its inclusion proof, as the service returns it after publication. */
    public Receipt withInclusion(InclusionProof proof) {
        return new Receipt(electionId, keyId, leafHash, ballot, signature, proof);
    }

    private Map<String, Object> signedFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receiptFormat", FORMAT);
        m.put("electionId", electionId);
        m.put("keyId", keyId);
        m.put("leafHash", leafHash.hex());
        if (ballot != null) {
            m.put("ballot", ballot.toJson());
        }
        return m;
    }

    /** The bytes the signature is over. */
    public byte[] signedBytes() {
        return CanonicalJson.write(signedFields());
    }

    /** Whether the signature is valid under the given raw public key. */
    public boolean signatureValid(byte[] rawPublicKey) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519Keys.verify(rawPublicKey, signedBytes(), sig);
    }

    /** The receipt file: canonical JSON and a newline. */
    public byte[] toJson() {
        return CanonicalJson.writeFile(toJsonObject());
    }

    /** The members of the receipt file as JSON values, for embedding the receipt in another document. */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> m = signedFields();
        m.put("signature", signature);
        if (inclusion != null) {
            m.put("inclusion", inclusion.toJson());
        }
        return m;
    }

    /**
     * Reads a receipt file. Whitespace is tolerated (people re-save files); the ballot is read in the
     * given format, or in approval form when the format is not known yet.
     */
    public static Receipt parse(byte[] json, VoteType voteType) {
        Fields f = Fields.of("receipt", "$", CanonicalJson.readLenient("receipt", json));
        long format = f.integer("receiptFormat");
        if (format != FORMAT) {
            throw f.error("receiptFormat", "this verifier reads receipt format " + FORMAT + ", not " + format);
        }
        String electionId = f.string("electionId");
        String keyId = f.string("keyId");
        Digest leaf = Hashes.digest(f, "leafHash", f.string("leafHash"));
        CanonicalBallot ballot = f.has("ballot") ? CanonicalBallot.fromJson(f.object("ballot"), voteType) : null;
        Hashes.base64(f, "signature", Ed25519Keys.SIGNATURE_LENGTH);
        String signature = f.string("signature");
        InclusionProof inclusion = f.has("inclusion") ? InclusionProof.fromJson(f.object("inclusion")) : null;
        f.done();
        try {
            return new Receipt(electionId, keyId, leaf, ballot, signature, inclusion);
        } catch (IllegalArgumentException e) {
            throw f.error("ballot", e.getMessage());
        }
    }
}
