/**
 * Tallying a CLOSED election: the stored ballots in published form are counted with the election's rule
 * and tie-breaking by budget-core, the outcome is stored as the canonical JSON the audit bundle will
 * publish, with every project's explanation in Dutch and English and the turnout per channel, and the
 * election moves to TALLIED. Only its organisers, auditors and admins see the tally before publication.
 */
package nl.buurtbegroting.service.tally;
