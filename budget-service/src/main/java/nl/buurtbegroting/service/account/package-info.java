/**
 * Staff account administration: creating accounts, granting organisers their elections, disabling accounts,
 * setting and changing passwords, and the first admin (from configuration or a one-time bootstrap token, never
 * from a default password). Every change goes to the audit log. Signing in and checking tokens is
 * {@code security}'s; this package sits above it, beside the elections it grants.
 */
package nl.buurtbegroting.service.account;
