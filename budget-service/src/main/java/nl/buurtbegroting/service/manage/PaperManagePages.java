package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.proposal.ProposalService;
import nl.buurtbegroting.service.proposal.ProposalView;
import nl.buurtbegroting.service.proposal.Verdict;
import nl.buurtbegroting.service.voting.PaperBallotRequest;
import nl.buurtbegroting.service.voting.PaperBallotService;
import nl.buurtbegroting.service.voting.PaperKeying;
import nl.buurtbegroting.service.voting.PaperMismatch;
import nl.buurtbegroting.service.web.Ids;
import org.zalando.problem.ThrowableProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keying paper ballots, built for a clerk who keys hundreds of forms with the keyboard alone: two fields (the
 * code, then the marked proposals' numbers separated by spaces, "number=points" on a points ballot), Enter sends,
 * the answer appears above an empty form with the cursor back in the code field. A form is cast when a second
 * staff member keys it the same way ({@link PaperBallotService}); a keyer is not shown another's keying. Admins and
 * auditors see the list of forms keyed differently.
 */
@Controller("/manage/elections/{id}/paper")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaperManagePages {

    private final Manage manage;
    private final ElectionService elections;
    private final ProposalService proposals;
    private final PaperBallotService paper;

    PaperManagePages(Manage manage, ElectionService elections, ProposalService proposals, PaperBallotService paper) {
        this.manage = manage;
        this.elections = elections;
        this.proposals = proposals;
        this.paper = paper;
    }

    /** The keying page: the last answer (a text key and its kind), the form, the proposals, the mismatches. */
    public record Keying(ElectionView election, List<ProposalView> proposals, FormState form, String result,
                         String resultKind, Map<String, Long> counts, @Nullable List<PaperMismatch> mismatches,
                         boolean canKey, List<PaperMismatch> awaiting) {
        public boolean points() {
            return election.ballot().format() == BallotFormat.CUMULATIVE;
        }

        /**
         * A keying as the clerk types it ("13 12", "3=5 7=2"), read from the stored form ({@code {"projects":["13","12"]}},
         * {@code {"points":{"3":5,"7":2}}}, ids without escapes): the paper is compared with that, not with JSON.
         */
        public String keyedAs(@Nullable String ballot) {
            if (ballot == null) {
                return "";
            }
            String inner = ballot.startsWith("{\"projects\":[") ? ballot.substring(13)
                    : ballot.startsWith("{\"points\":{") ? ballot.substring(11) : null;
            if (inner == null) {
                return ballot;
            }
            List<String> out = new ArrayList<>();
            java.util.regex.Matcher m = KEYED.matcher(inner);
            while (m.find()) {
                out.add(m.group(2) == null ? m.group(1) : m.group(1) + "=" + m.group(2));
            }
            return out.isEmpty() ? "–" : String.join(" ", out);
        }
    }

    private static final java.util.regex.Pattern KEYED = java.util.regex.Pattern.compile("\"([^\"]+)\"(?::(-?[0-9]+))?");

    @Get(produces = "text/html")
    HttpResponse<?> page(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> render(request, staff, electionId, new FormState(), "", "", HttpStatus.OK));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> key(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            ManagePage page = manage.page(request, staff, "paper.title", "");
            ElectionView e = elections.get(staff.caller(), electionId);
            FormState state = new FormState().set("ballotCode", form.get("ballotCode")).set("projects", form.get("projects"));
            String code = state.v("ballotCode").strip();
            if (code.isEmpty() || code.length() > 64) {
                state.error("ballotCode", page.t("paper.codeMissing"));
            }
            // One paper ballot a send: a second code or list (a hand-made form) would be dropped without a word.
            for (String field : List.of("ballotCode", "projects")) {
                if (form.all(field).size() > 1) {
                    state.error(field, page.t("paper.repeated", form.all(field).size()));
                }
            }
            List<String> projects = new ArrayList<>();
            List<Long> points = new ArrayList<>();
            boolean cumulative = e.ballot().format() == BallotFormat.CUMULATIVE;
            for (String token : state.v("projects").strip().split("[\\s,;]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (cumulative) {
                    String[] parts = token.split("[=:]");
                    try {
                        if (parts.length != 2) {
                            throw new NumberFormatException();
                        }
                        projects.add(parts[0]);
                        points.add(Long.parseLong(parts[1]));
                    } catch (NumberFormatException ex) {
                        state.error("projects", page.t("paper.pointsFormat", token));
                    }
                } else {
                    projects.add(token);
                }
            }
            if (projects.size() > 1000 || projects.stream().anyMatch(p -> p.length() > 64)) {
                state.error("projects", page.t("paper.tooMany"));
            }
            if (state.hasErrors()) {
                return render(request, staff, electionId, state, "", "", HttpStatus.BAD_REQUEST);
            }
            try {
                PaperKeying k = paper.key(staff.caller(), electionId,
                        new PaperBallotRequest(code, projects, cumulative ? points : null));
                String result = "CAST".equals(k.status()) ? page.t("paper.cast", code) : page.t("paper.awaiting", code);
                return render(request, staff, electionId, new FormState(), result, "CAST".equals(k.status()) ? "ok" : "info",
                        HttpStatus.OK);
            } catch (ThrowableProblem problem) {
                String c = Manage.codeOf(problem);
                String text = manage.problemText(page, c, problem.getDetail());
                if (ProblemCode.PAPER_MISMATCH.name().equals(c)) {
                    // The keyer gets the form back empty: re-reading the paper, not the earlier keying, decides.
                    return render(request, staff, electionId, new FormState(), text, "warning", HttpStatus.CONFLICT);
                }
                if (ProblemCode.INVALID_BALLOT.name().equals(c)) {
                    text = PaperViolations.text(page, e, projects, problem, text);
                }
                state.error(c.contains("CODE") ? "ballotCode" : "projects", text);
                return render(request, staff, electionId, state, "", "", HttpStatus.BAD_REQUEST);
            }
        });
    }

    private HttpResponse<?> render(HttpRequest<?> request, Staff staff, long electionId, FormState form, String result,
                                   String kind, HttpStatus status) {
        ElectionView e = elections.get(staff.caller(), electionId);
        List<ProposalView> eligible = proposals.list(staff.caller(), electionId).stream()
                .filter(p -> p.verdict() == Verdict.ELIGIBLE).toList();
        List<PaperMismatch> mismatches = staff.admin() || staff.auditor() ? paper.mismatches(staff.caller(), electionId) : null;
        ManagePage page = manage.page(request, staff, "paper.title", e.name());
        return manage.render(request, status, "paper", page, new Keying(e, eligible, form, result, kind,
                paper.counts(staff.caller(), electionId), mismatches, manage.mayChange(staff, electionId),
                paper.awaitingSecondKeying(staff.caller(), electionId)));
    }

    /**
     * Discards one keying: a form keyed once whose code was then used online (it would wait for good), or one side of
     * a mismatch found wrong. Through the API's service, so it is audited with who keyed it.
     */
    @Post(value = "/discard", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> discard(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            ManagePage page = manage.page(request, staff, "paper.title", "");
            String entry = form.get("entry").strip();
            paper.discard(staff.caller(), electionId, entry);
            return render(request, staff, electionId, new FormState(),
                    page.t("paper.discarded", entry.length() > 8 ? entry.substring(0, 8) : entry), "ok", HttpStatus.OK);
        });
    }
}
