package nl.buurtbegroting.core.audit;

/**
 * The verification steps, in the order they run and are reported. Each has its own exit code for the
 * CLI (10 and up, clear of the codes 1-5 other commands use); when several fail, the first one in this
 * order decides the exit code. Integrity comes first (is this what the key signed?), then meaning.
 */
public enum Check {
    /** The bundle can be read (a canonical zip or a directory) and has every required file, and no others. */
    FILES_PRESENT(10, "readable, with every required file"),
    /** SHA256SUMS is well-formed, lists exactly the other files (not itself, not signature.json), and each hash matches. */
    CHECKSUMS(11, "every file matches SHA256SUMS"),
    /** signature.json is a valid Ed25519 signature over the exact bytes of SHA256SUMS, by the key the manifest names. */
    SIGNATURE(12, "SHA256SUMS is signed by the bundle's key"),
    /** The signing key's fingerprint equals the one the verifier was told to trust (skipped when none given). */
    KEY_TRUSTED(13, "the signing key is the published one"),
    /** Every JSON file is canonical and has exactly the documented members and types. */
    SCHEMA(14, "every file is canonical and well-formed"),
    /** Events are numbered 1..n, each hash is right, each links to the one before, time never goes back. */
    EVENT_CHAIN(15, "the event log is an unbroken hash chain"),
    /** The ballots are in leaf-hash order and their RFC 9162 tree has the published size and root. */
    MERKLE_ROOT(16, "the ballots give the published Merkle root"),
    /** No ballot appears twice (same leaf) and no nonce is used twice. */
    BALLOTS_UNIQUE(17, "every ballot is there once"),
    /** Codes used = ballots per channel summed = ballots published = tree size; no batch used more than issued. */
    BALLOTS_MATCH_USED_CODES(18, "as many ballots as voting codes used"),
    /** Every ballot satisfies the election's ballot rules. */
    BALLOTS_VALID(19, "every ballot is valid"),
    /** The rule, rerun on the manifest and the ballots, gives outcome.json byte for byte. */
    OUTCOME_RECOMPUTED(20, "the outcome recomputes bit for bit"),
    /** A receipt's signature is valid and its inclusion proof leads to the published root (skipped without a receipt). */
    RECEIPT_INCLUDED(21, "the receipt's ballot is in the count");

    private final int exitCode;
    private final String description;

    Check(int exitCode, String description) {
        this.exitCode = exitCode;
        this.description = description;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What passing this check means, in one line. */
    public String description() {
        return description;
    }
}
