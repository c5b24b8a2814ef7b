package nl.buurtbegroting.service.voting;

import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.proposal.ProposalView;

import java.util.List;
import java.util.Map;

/**
 * The receipt page's model: the receipt, the choice it stands for, and the signed receipt file as a
 * download (a {@code data:} link, so nothing about the ballot is kept on the server to serve it later).
 *
 * @param replayed the ballot had been received before (a retry); this is the same receipt
 * @param sent     what was cast (code, submission id, choice), sent again by the language switch: the retry path
 *                 answers it with this same receipt in the other language
 */
public record ReceiptPage(ElectionView election, ReceiptView receipt, List<ProposalView> chosen, Map<String, String> points,
                          String download, boolean replayed, VoteForm sent) {
}
