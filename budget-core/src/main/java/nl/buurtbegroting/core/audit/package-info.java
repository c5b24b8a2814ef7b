/**
 * The offline-verifiable audit bundle of a published election: its format, its construction and its
 * verification. {@link nl.buurtbegroting.core.audit.BundleBuilder} turns a tallied election into an
 * {@link nl.buurtbegroting.core.audit.AuditBundle} of canonical JSON files (RFC 8785 without floats:
 * {@link nl.buurtbegroting.core.audit.CanonicalJson}), with the ballots committed in an RFC 9162 Merkle
 * tree ({@link nl.buurtbegroting.core.audit.MerkleTree}), the lifecycle as a hash chain, a SHA256SUMS
 * file and an Ed25519 signature over it made by a pluggable {@link nl.buurtbegroting.core.audit.Signer}.
 * {@link nl.buurtbegroting.core.audit.BundleVerifier} runs every {@link nl.buurtbegroting.core.audit.Check}
 * in order, down to recomputing the outcome bit for bit, and a
 * {@link nl.buurtbegroting.core.audit.Receipt} with its {@link nl.buurtbegroting.core.audit.InclusionProof}
 * shows a resident that their ballot is counted. Only the JDK is used (SHA-256, Ed25519 since Java 15, zip),
 * so that anyone can verify with nothing but this library; {@code docs/verification.md} specifies the
 * bundle precisely enough to write a second verifier.
 */
package nl.buurtbegroting.core.audit;
