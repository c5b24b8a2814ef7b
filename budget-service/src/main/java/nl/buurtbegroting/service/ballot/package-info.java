/**
 * The election and its ballots as budget-core sees them, and the one place to read the way a ballot goes.
 *
 * <ol>
 *   <li>{@code POST /api/elections/{id}/ballots} ({@code voting.BallotController}; on paper
 *       {@code voting.PaperBallotService} after two matching keyings; the vote page {@code voting.VotePages})
 *       reaches {@code voting.BallotService}: rate limit, code format, then the ballot rules.</li>
 *   <li>The rules are {@link nl.buurtbegroting.service.ballot.ElectionInstance#of}, the one mapping from the stored
 *       election and proposals to a core {@code Instance}, cached with its validator by
 *       {@link nl.buurtbegroting.service.ballot.BallotRulesCache}.</li>
 *   <li>A valid ballot becomes a {@link nl.buurtbegroting.service.ballot.StoredBallot}: the text the database
 *       keeps and, with the nonce drawn at cast time, core's {@code CanonicalBallot}, the form the bundle publishes.
 *       {@code voting.BallotStore} consumes the code and stores the ballot in one transaction (online, shared
 *       with the ballots arriving at the same moment: {@code voting.BallotWriters}), and
 *       {@code signing.ReceiptSigner} signs the receipt over the published form's leaf hash.</li>
 *   <li>The tally ({@code tally.Counter}) reads every stored ballot back once with
 *       {@link nl.buurtbegroting.service.ballot.StoredBallot#readAll} and counts them against the same instance.</li>
 *   <li>Publication ({@code publication.PublicationService}) counts again from the same stored ballots, requires the
 *       same outcome, and has core's {@code BundleBuilder} put the ballots, in published form, into the signed
 *       bundle; a receipt's inclusion proof leads from its leaf hash to the bundle's Merkle root.</li>
 * </ol>
 *
 * The Pabulib export writes {@link nl.buurtbegroting.service.ballot.ElectionInstance#forPabulib}: the same
 * mapping, with what only the file format has.
 */
package nl.buurtbegroting.service.ballot;
