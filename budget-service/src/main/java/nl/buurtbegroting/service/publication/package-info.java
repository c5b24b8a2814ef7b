/**
 * Publication of a ratified result: the audit bundle built once by budget-core's {@code BundleBuilder} from the
 * stored ballots, tally and lifecycle events and signed with the deployment's current key ({@code signing}), the
 * public result, and residents' receipts with their Merkle inclusion proofs.
 */
package nl.buurtbegroting.service.publication;
