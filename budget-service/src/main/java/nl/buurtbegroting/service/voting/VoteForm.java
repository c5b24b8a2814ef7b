package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.BallotSettings;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.proposal.ProposalView;

import java.util.List;
import java.util.Map;

/**
 * The vote page's model: the election, its admitted proposals, what the resident filled in so far (code,
 * choices, points, the submission id that makes a retry safe) and the errors to show next to the fields.
 *
 * @param proposals    the admitted proposals in listed order; element ids are by position ({@code p-3})
 * @param points       for a cumulative ballot, the points as typed, by proposal code
 * @param errors       in the order of the page; {@code field} is the id of the element at fault
 * @param review       the review step: the choice shown for a last look, everything else in hidden fields
 */
public record VoteForm(ElectionView election, List<ProposalView> proposals, String code, String submissionId,
                       List<String> chosen, Map<String, String> points, List<FieldError> errors, boolean review) {

    /** One error: the element it belongs to and the message in the resident's language. */
    public record FieldError(String field, String message) {
    }

    public BallotFormat format() {
        return election.ballot().format();
    }

    public BallotSettings ballot() {
        return election.ballot();
    }

    public boolean isChosen(String proposalCode) {
        return chosen.contains(proposalCode);
    }

    public String pointsOf(String proposalCode) {
        return points.getOrDefault(proposalCode, "");
    }

    @Nullable
    public String error(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The most a knapsack ballot may cost: its limit, else the budget. */
    public long maxCost() {
        Long max = election.ballot().maxCost();
        return max != null ? max : election.budget();
    }

    public long chosenCost() {
        return proposals.stream().filter(p -> chosen.contains(p.code())).mapToLong(ProposalView::cost).sum();
    }

    public long maxPoints() {
        Long max = election.ballot().maxPoints();
        return max == null ? 0 : max;
    }

    public long pointsUsed() {
        long sum = 0;
        for (String v : points.values()) {
            try {
                long n = Long.parseLong(v.strip());
                if (n > 0) {
                    sum += n;
                }
            } catch (NumberFormatException e) {
                // Shown as an error next to its field; not counted here.
            }
        }
        return sum;
    }

    public List<ProposalView> chosenProposals() {
        return proposals.stream().filter(p -> chosen.contains(p.code())).toList();
    }

    public int index(ProposalView p) {
        return proposals.indexOf(p);
    }
}
