/**
 * Voting: code batches for the mail merge, ballots cast with a one-time code (online, or on paper with
 * double keying by staff), receipts, and the vote pages. What a ballot is to core, and the way it goes on to the
 * bundle, is the {@code ballot} package's. One code counts exactly once under
 * any concurrency because the code is consumed by a conditional update in the same transaction that stores
 * the ballot, under a lock on the election row that a close must wait for. Nothing stored links a ballot to
 * the code that cast it; the module README's "Voting: threat model" says what remains and why.
 */
package nl.buurtbegroting.service.voting;
