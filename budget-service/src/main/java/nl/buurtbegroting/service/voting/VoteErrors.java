package nl.buurtbegroting.service.voting;

import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.proposal.ProposalView;
import nl.buurtbegroting.service.web.Page;

import java.util.ArrayList;
import java.util.List;

/** The API's problems as messages beside the vote page's fields, in the resident's language. */
final class VoteErrors {

    private VoteErrors() {
    }

    /** A problem of the API as errors next to the fields they concern. */
    static List<VoteForm.FieldError> of(Page page, ElectionView election, List<ProposalView> admitted,
                                        List<String> submitted, VotingProblem problem) {
        ProblemCode code = problem.code();
        List<VoteForm.FieldError> out = new ArrayList<>();
        if (code == ProblemCode.CODE_MALFORMED || code == ProblemCode.CODE_TYPO || code == ProblemCode.CODE_ALREADY_USED
                || code == ProblemCode.UNKNOWN_CODE) {
            out.add(new VoteForm.FieldError("code", page.t("error." + code)));
        } else if (code == ProblemCode.INVALID_BALLOT) {
            @SuppressWarnings("unchecked")
            List<Violation> violations = (List<Violation>) problem.getParameters().getOrDefault("violations", List.of());
            for (Violation v : violations) {
                out.add(new VoteForm.FieldError(fieldOf(admitted, submitted, v.field()), violation(page, election, v.code())));
            }
            if (out.isEmpty()) {
                out.add(new VoteForm.FieldError("projects", page.t("error.INVALID_BALLOT")));
            }
        } else {
            out.add(new VoteForm.FieldError("form", message(page, code)));
        }
        return out;
    }

    static String message(Page page, ProblemCode code) {
        return page.has("error." + code) ? page.t("error." + code) : page.t("error.OTHER");
    }

    /** The element a violation's field points at: a cumulative ballot's points input, else the choice. */
    private static String fieldOf(List<ProposalView> admitted, List<String> submitted, String field) {
        if (field.startsWith("points[") && field.endsWith("]")) {
            try {
                int i = Integer.parseInt(field.substring(7, field.length() - 1));
                String proposal = submitted.get(i);
                for (int k = 0; k < admitted.size(); k++) {
                    if (admitted.get(k).code().equals(proposal)) {
                        return "pt-" + k;
                    }
                }
            } catch (RuntimeException ignored) {
                // Falls through to the whole choice.
            }
        }
        return "projects";
    }

    private static String violation(Page page, ElectionView e, String code) {
        var b = e.ballot();
        return switch (code) {
            case "TOO_FEW_PROJECTS" -> b.format() == BallotFormat.CHOOSE_ONE ? page.t("violation.CHOOSE_ONE")
                    : b.minProjects() == null || b.minProjects() <= 1 ? page.t("violation.TOO_FEW_PROJECTS.one")
                    : page.t("violation.TOO_FEW_PROJECTS", b.minProjects());
            case "TOO_MANY_PROJECTS" -> b.format() == BallotFormat.CHOOSE_ONE ? page.t("violation.CHOOSE_ONE")
                    : b.maxProjects() == null ? page.t("error.INVALID_BALLOT") : page.count("violation.TOO_MANY_PROJECTS", b.maxProjects());
            case "OVER_COST_LIMIT" -> page.t("violation.OVER_COST_LIMIT",
                    page.money(b.maxCost() != null ? b.maxCost() : e.budget(), e.currency()));
            case "TOO_MANY_POINTS", "POINTS_MISMATCH", "POINTS_ABOVE_MAXIMUM" ->
                    page.t("violation." + code, b.maxPoints() == null ? "" : page.number(b.maxPoints()));
            default -> page.has("violation." + code) ? page.t("violation." + code) : page.t("error.INVALID_BALLOT");
        };
    }
}
