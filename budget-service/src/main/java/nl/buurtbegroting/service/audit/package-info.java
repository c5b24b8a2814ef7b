/**
 * The append-only audit log: every change to elections, proposals and accounts is recorded with the
 * acting user, the action and the time, in the same transaction as the change itself. Admins and
 * auditors can read it; nobody can change it through the service, and it never holds a secret.
 */
package nl.buurtbegroting.service.audit;
