/**
 * Publication of a ratified result: the deployment's Ed25519 signing keys (kept in files outside the
 * database, rotatable, public halves listed at {@code /api/signing-keys}), the signed audit bundle built
 * once by budget-core's {@code BundleBuilder} from the stored ballots, tally and lifecycle events, the
 * public result, and residents' receipts with their Merkle inclusion proofs.
 */
package nl.buurtbegroting.service.publication;
