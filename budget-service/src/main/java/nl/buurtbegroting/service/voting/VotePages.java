package nl.buurtbegroting.service.voting;

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
import nl.buurtbegroting.core.validation.BallotSubmission;
import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.proposal.ProposalService;
import nl.buurtbegroting.service.proposal.ProposalView;
import nl.buurtbegroting.service.proposal.Verdict;
import nl.buurtbegroting.service.security.ClientAddressResolver;
import nl.buurtbegroting.service.signing.ReceiptFile;
import nl.buurtbegroting.service.web.Form;
import nl.buurtbegroting.service.web.Ids;
import nl.buurtbegroting.service.web.Page;
import nl.buurtbegroting.service.web.Pages;
import org.zalando.problem.ThrowableProblem;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page the letter points to ({@code /vote/{id}}): code and ballot in one form, a review step, then the
 * cast and the receipt. Plain HTML forms: every step works without JavaScript. The code travels only in
 * POST bodies (never in an address, a cookie or a log line); the submission id made when the form is
 * first shown travels with it, so sending the last step again (a lost answer, a reload) gives the same
 * receipt and never a second ballot. Casting goes through {@link BallotService}, the API's own path.
 */
@Controller("/vote/{id}")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class VotePages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pages pages;
    private final ElectionService elections;
    private final ProposalService proposals;
    private final BallotService ballots;
    private final ClientAddressResolver addresses;
    private final java.time.Clock clock;

    VotePages(Pages pages, ElectionService elections, ProposalService proposals, BallotService ballots,
              ClientAddressResolver addresses, java.time.Clock clock) {
        this.clock = clock;
        this.pages = pages;
        this.elections = elections;
        this.proposals = proposals;
        this.ballots = ballots;
        this.addresses = addresses;
    }

    @Get(produces = "text/html")
    HttpResponse<String> show(HttpRequest<?> request, @PathVariable String id) {
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
        }
        if (!takesVotes(e.election())) {
            return notOpen(request, e.election());
        }
        return form(request, HttpStatus.OK, new VoteForm(e.election(), e.admitted(), "", newSubmissionId(),
                List.of(), Map.of(), List.of(), false));
    }

    /** The form sent for review ({@code action=review}) or back from the review to change it ({@code action=change}). */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<String> review(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
        }
        Page page = page(request, e.election());
        Form form = Form.parse(body);
        Filled filled = filled(page, e, form);
        if ("change".equals(form.get("action"))) {
            return form(request, HttpStatus.OK, filled.form(List.of(), false));
        }
        List<VoteForm.FieldError> errors = new ArrayList<>(filled.errors());
        if (filled.code().isBlank()) {
            errors.add(0, new VoteForm.FieldError("code", page.t("error.CODE_MISSING")));
        } else {
            try {
                BallotService.parse(filled.code());
            } catch (VotingProblem problem) {
                errors.add(0, new VoteForm.FieldError("code", page.t("error." + problem.code())));
            }
        }
        if (filled.errors().isEmpty()) {
            try {
                ballots.checked(e.election().id(), filled.submission());
            } catch (VotingProblem problem) {
                errors.addAll(errorsOf(page, e, filled, problem));
            }
        }
        if (!takesVotes(e.election()) && errors.stream().noneMatch(x -> x.field().equals("form"))) {
            errors.add(new VoteForm.FieldError("form", page.t("error.ELECTION_NOT_OPEN")));
        }
        if (!errors.isEmpty()) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(errors, false));
        }
        return form(request, HttpStatus.OK, filled.form(List.of(), true));
    }

    @Post(value = "/cast", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<String> cast(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
        }
        Page page = page(request, e.election());
        Form form = Form.parse(body);
        Filled filled = filled(page, e, form);
        if (!filled.errors().isEmpty()) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(filled.errors(), false));
        }
        BallotRequest ballot = new BallotRequest(filled.code(), filled.submission().projects(),
                filled.submission().points(), filled.submissionId());
        List<Violation> malformed = ballot.violations();
        if (!malformed.isEmpty()) {
            String field = malformed.get(0).field().startsWith("code") ? "code" : "form";
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(List.of(new VoteForm.FieldError(field,
                    page.t(field.equals("code") ? "error.CODE_MALFORMED" : "error.FORM_DAMAGED"))), false));
        }
        try {
            BallotStore.Cast cast = ballots.castOnline(e.election().id(), ballot, addresses.addressOf(request));
            ReceiptFile signed = cast.receipt().signed();
            String download = signed == null ? "" : "data:application/json;base64,"
                    + Base64.getEncoder().encodeToString(signed.file());
            List<ProposalView> chosen = e.admitted().stream().filter(p -> filled.chosen().contains(p.code())).toList();
            return pages.ok(request, "receipt", pages.page(request, "receipt.title"),
                    new ReceiptPage(e.election(), cast.receipt(), chosen, filled.points(), download, cast.replayed()));
        } catch (TooManyFailedCodesException tooMany) {
            long minutes = Math.max(1, (tooMany.retryAfterSeconds() + 59) / 60);
            return form(request, HttpStatus.TOO_MANY_REQUESTS, filled.form(List.of(new VoteForm.FieldError("code",
                    page.count("error.TOO_MANY_FAILED_CODES", minutes))), false))
                    .header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        } catch (VotingProblem problem) {
            HttpStatus status = problem.getStatus() == null ? HttpStatus.UNPROCESSABLE_ENTITY
                    : HttpStatus.valueOf(problem.getStatus().getStatusCode());
            return form(request, status, filled.form(errorsOf(page, e, filled, problem), false));
        } catch (ApiProblem problem) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(List.of(new VoteForm.FieldError("form",
                    message(page, problem.code()))), false));
        }
    }

    /** What the form holds, read forgivingly; points that are not whole numbers are errors at their field. */
    private record Filled(Loaded e, String code, String submissionId, List<String> chosen, Map<String, String> points,
                          BallotSubmission submission, List<VoteForm.FieldError> errors) {

        VoteForm form(List<VoteForm.FieldError> shown, boolean review) {
            return new VoteForm(e.election(), e.admitted(), code, submissionId, chosen, points, shown, review);
        }
    }

    private Filled filled(Page page, Loaded e, Form form) {
        String code = form.get("code");
        if (code.length() > 64) {
            code = code.substring(0, 64);
        }
        String sid = form.get("submissionId");
        if (!sid.matches("[A-Za-z0-9_-]{16,64}")) {
            sid = newSubmissionId();
        }
        List<String> chosen = new ArrayList<>();
        Map<String, String> points = new LinkedHashMap<>();
        List<Long> pointList = new ArrayList<>();
        List<VoteForm.FieldError> errors = new ArrayList<>();
        if (e.election().ballot().format() == BallotFormat.CUMULATIVE) {
            for (int i = 0; i < e.admitted().size(); i++) {
                ProposalView p = e.admitted().get(i);
                String raw = form.get("points." + p.code()).strip();
                if (raw.isEmpty()) {
                    continue;
                }
                points.put(p.code(), raw.length() > 12 ? raw.substring(0, 12) : raw);
                long n;
                try {
                    n = Long.parseLong(raw);
                } catch (NumberFormatException x) {
                    errors.add(new VoteForm.FieldError("pt-" + i, page.t("error.POINTS_NOT_A_NUMBER", p.title())));
                    continue;
                }
                if (n < 0) {
                    errors.add(new VoteForm.FieldError("pt-" + i, page.t("error.POINTS_NOT_A_NUMBER", p.title())));
                } else if (n > 0) {
                    chosen.add(p.code());
                    pointList.add(n);
                }
            }
        } else {
            for (String c : form.all("project")) {
                if (!chosen.contains(c) && chosen.size() < 1000) {
                    chosen.add(c.length() > 64 ? c.substring(0, 64) : c);
                }
            }
        }
        BallotSubmission submission = new BallotSubmission(List.copyOf(chosen),
                e.election().ballot().format() == BallotFormat.CUMULATIVE ? List.copyOf(pointList) : null);
        return new Filled(e, code, sid, chosen, points, submission, errors);
    }

    /** A problem of the API as errors next to the fields they concern. */
    private List<VoteForm.FieldError> errorsOf(Page page, Loaded e, Filled filled, VotingProblem problem) {
        ProblemCode code = problem.code();
        List<VoteForm.FieldError> out = new ArrayList<>();
        if (code == ProblemCode.CODE_MALFORMED || code == ProblemCode.CODE_TYPO || code == ProblemCode.CODE_ALREADY_USED
                || code == ProblemCode.UNKNOWN_CODE) {
            out.add(new VoteForm.FieldError("code", page.t("error." + code)));
        } else if (code == ProblemCode.INVALID_BALLOT) {
            @SuppressWarnings("unchecked")
            List<Violation> violations = (List<Violation>) problem.getParameters().getOrDefault("violations", List.of());
            for (Violation v : violations) {
                out.add(new VoteForm.FieldError(fieldOf(e, filled, v.field()), violation(page, e.election(), v.code())));
            }
            if (out.isEmpty()) {
                out.add(new VoteForm.FieldError("projects", page.t("error.INVALID_BALLOT")));
            }
        } else {
            out.add(new VoteForm.FieldError("form", message(page, code)));
        }
        return out;
    }

    private static String message(Page page, ProblemCode code) {
        return page.has("error." + code) ? page.t("error." + code) : page.t("error.OTHER");
    }

    /** The element a violation's field points at: a cumulative ballot's points input, else the choice. */
    private static String fieldOf(Loaded e, Filled filled, String field) {
        if (field.startsWith("points[") && field.endsWith("]")) {
            try {
                int i = Integer.parseInt(field.substring(7, field.length() - 1));
                String proposal = filled.submission().projects().get(i);
                for (int k = 0; k < e.admitted().size(); k++) {
                    if (e.admitted().get(k).code().equals(proposal)) {
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

    private io.micronaut.http.MutableHttpResponse<String> form(HttpRequest<?> request, HttpStatus status, VoteForm form) {
        Page page = page(request, form.election());
        Page titled = new Page(page.lang(), page.messages(), page.theme(),
                (form.hasErrors() ? page.t("vote.errorPrefix") + " " : "")
                        + page.t(form.review() ? "vote.reviewTitle" : "vote.title", form.election().name()), page.path());
        return pages.respond(request, status, "vote", titled, form);
    }

    /** Open, and now within its voting times (issue 11: the service refuses ballots outside them). */
    private boolean takesVotes(ElectionView e) {
        java.time.Instant now = clock.instant();
        return e.state() == ElectionState.OPEN && (e.votingOpens() == null || !now.isBefore(e.votingOpens()))
                && (e.votingCloses() == null || now.isBefore(e.votingCloses()));
    }

    /** Why voting is not possible now, with the dates when they are known. */
    private HttpResponse<String> notOpen(HttpRequest<?> request, ElectionView e) {
        if (e.state() == ElectionState.PUBLISHED) {
            return pages.notice(request, HttpStatus.OK, "vote.notOpen.title", "vote.notOpen.published", e.name());
        }
        Page p = page(request, e);
        java.time.Instant now = clock.instant();
        boolean before = e.state() == ElectionState.DRAFT || (e.votingOpens() != null && now.isBefore(e.votingOpens()));
        if (before && e.votingOpens() != null && e.votingCloses() != null && now.isBefore(e.votingCloses())) {
            return pages.notice(request, HttpStatus.OK, "vote.notOpen.title", "vote.notOpen.window", e.name(),
                    p.when(e.votingOpens()), p.when(e.votingCloses()));
        }
        if (!before && e.votingCloses() != null && !now.isBefore(e.votingCloses())) {
            return pages.notice(request, HttpStatus.OK, "vote.notOpen.title", "vote.notOpen.ended", e.name(),
                    p.when(e.votingCloses()));
        }
        return pages.notice(request, HttpStatus.OK, "vote.notOpen.title", "vote.notOpen.text", e.name());
    }

    private Page page(HttpRequest<?> request, ElectionView e) {
        return pages.page(request, "vote.title", e.name());
    }

    private record Loaded(ElectionView election, List<ProposalView> admitted) {
    }

    @Nullable
    private Loaded load(long id) {
        try {
            ElectionView e = elections.get(null, id);
            List<ProposalView> admitted = proposals.list(null, id).stream().filter(p -> p.verdict() == Verdict.ELIGIBLE).toList();
            return new Loaded(e, admitted);
        } catch (ThrowableProblem problem) {
            return null;
        }
    }

    private static String newSubmissionId() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
