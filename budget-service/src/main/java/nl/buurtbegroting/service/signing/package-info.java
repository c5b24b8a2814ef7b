/**
 * The deployment's Ed25519 signing keys: kept in files outside the database, rotatable, their public halves
 * listed at {@code /api/signing-keys}; and the signing of a resident's receipt the moment a ballot is stored.
 * Publication signs the audit bundle with the same current key.
 */
package nl.buurtbegroting.service.signing;
