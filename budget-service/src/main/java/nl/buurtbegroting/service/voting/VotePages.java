package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.web.Ids;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Page;
import nl.buurtbegroting.service.web.Pages;
import org.zalando.problem.ThrowableProblem;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final CodeCheck codes;
    private final VoteNotices notices;

    VotePages(Pages pages, ElectionService elections, ProposalService proposals, BallotService ballots, CodeCheck codes,
              ClientAddressResolver addresses, java.time.Clock clock) {
        this.clock = clock;
        this.codes = codes;
        this.notices = new VoteNotices(pages, clock);
        this.pages = pages;
        this.elections = elections;
        this.proposals = proposals;
        this.ballots = ballots;
        this.addresses = addresses;
    }

    @Get(produces = "text/html")
    HttpResponse<String> show(HttpRequest<?> request, @PathVariable String id) {
        Lang lang = Lang.of(request);
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return notFound(request, lang);
        }
        if (!takesVotes(e.election())) {
            return notices.notOpen(request, lang, e.election(), HttpStatus.OK, false);
        }
        return form(request, lang, HttpStatus.OK, new VoteForm(e.election(), e.admitted(), "", newSubmissionId(),
                List.of(), Map.of(), List.of(), false));
    }

    /**
     * The form sent for review ({@code action=review}), back from the review to change it ({@code action=change}),
     * or either step sent along with the language switch ({@code switch=en}; {@code step=review} on the review).
     */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<String> review(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        Form form = Form.parse(body);
        Optional<Lang> switched = Lang.of(form.get("switch"));
        Lang lang = switched.orElseGet(() -> Lang.of(request));
        return remember(switched, step(request, lang, id, form, switched.isPresent()));
    }

    private MutableHttpResponse<String> step(HttpRequest<?> request, Lang lang, String id, Form form, boolean switching) {
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return notFound(request, lang);
        }
        if (!takesVotes(e.election())) {
            // Started before the close (or before a new opening time): the form could not succeed any more.
            return notices.notOpen(request, lang, e.election(), HttpStatus.CONFLICT, true);
        }
        Page page = page(request, lang, e.election());
        Filled filled = filled(page, e, form);
        if ("change".equals(form.get("action")) || (switching && !"review".equals(form.get("step")))) {
            return form(request, lang, HttpStatus.OK, filled.form(List.of(), false));
        }
        List<VoteForm.FieldError> errors = new ArrayList<>(filled.errors());
        if (filled.code().isBlank()) {
            errors.add(0, new VoteForm.FieldError("code", page.t("error.CODE_MISSING")));
        } else {
            try {
                VoteForm.FieldError codeError = codeError(page, e.election().id(), filled.code(), filled.submissionId(), request);
                if (codeError != null) {
                    errors.add(0, codeError);
                }
            } catch (TooManyFailedCodesException tooMany) {
                return tooMany(request, lang, page, filled, tooMany);
            }
        }
        if (filled.errors().isEmpty()) {
            try {
                ballots.checked(e.election().id(), filled.submission());
            } catch (VotingProblem problem) {
                errors.addAll(VoteErrors.of(page, e.election(), e.admitted(), filled.submission().projects(), problem));
            }
        }
        if (!errors.isEmpty()) {
            return form(request, lang, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(errors, false));
        }
        return form(request, lang, HttpStatus.OK, filled.form(List.of(), true));
    }

    /**
     * What is wrong with the code, checked as soon as the service sees it (the review) and without using it up:
     * its form, then whether it is this election's and unused. Null when it can be cast with.
     */
    @Nullable
    private VoteForm.FieldError codeError(Page page, long electionId, String typed, String submissionId, HttpRequest<?> request) {
        VotingCode code;
        try {
            code = BallotService.parse(typed);
        } catch (VotingProblem problem) {
            return new VoteForm.FieldError("code", page.t("error." + problem.code()));
        }
        return switch (codes.of(electionId, code, submissionId, addresses.addressOf(request))) {
            case UNKNOWN -> new VoteForm.FieldError("code", page.t("error.UNKNOWN_CODE"));
            case USED -> new VoteForm.FieldError("code", page.t("error.CODE_ALREADY_USED"));
            case UNUSED, CAST_BY_THIS_SUBMISSION -> null;
        };
    }

    /**
     * The code alone, checked by the page's script as soon as the letter's link has put it in the field, before the
     * resident fills in the ballot: no content when it can be used, else the message for beside the field (the
     * same as the review's). Without JavaScript the review is the first moment the service sees the code.
     */
    @Post(value = "/code", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = {"text/plain", "text/html"})
    HttpResponse<String> code(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        // Plain text whatever the Accept header (a page's fetch sends */*): the message goes into the page as text.
        return codeAnswer(request, id, body).contentType("text/plain;charset=utf-8");
    }

    private MutableHttpResponse<String> codeAnswer(HttpRequest<?> request, String id, @Nullable String body) {
        Form form = Form.parse(body);
        Lang lang = Lang.of(request);
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).body(pages.messages().get(lang, "notFound.title"));
        }
        Page page = page(request, lang, e.election());
        if (!takesVotes(e.election())) {
            return HttpResponse.<String>status(HttpStatus.CONFLICT).body(page.t("error.ELECTION_NOT_OPEN"));
        }
        String sid = form.get("submissionId").matches("[A-Za-z0-9_-]{16,64}") ? form.get("submissionId") : newSubmissionId();
        String typed = form.get("code").length() > 64 ? form.get("code").substring(0, 64) : form.get("code");
        try {
            VoteForm.FieldError error = codeError(page, e.election().id(), typed, sid, request);
            return error == null ? HttpResponse.<String>noContent()
                    : HttpResponse.<String>status(HttpStatus.UNPROCESSABLE_ENTITY).body(error.message());
        } catch (TooManyFailedCodesException tooMany) {
            return HttpResponse.<String>status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(page.count("error.TOO_MANY_FAILED_CODES", Math.max(1, (tooMany.retryAfterSeconds() + 59) / 60)))
                    .header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        }
    }

    /** The cast; also the receipt sent again with the language switch, which the retry path answers with the same receipt. */
    @Post(value = "/cast", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<String> cast(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        Form form = Form.parse(body);
        Optional<Lang> switched = Lang.of(form.get("switch"));
        Lang lang = switched.orElseGet(() -> Lang.of(request));
        return remember(switched, cast(request, lang, id, form, switched.isPresent()));
    }

    private MutableHttpResponse<String> cast(HttpRequest<?> request, Lang lang, String id, Form form, boolean switching) {
        Loaded e = load(Ids.parse(id));
        if (e == null) {
            return notFound(request, lang);
        }
        Page page = page(request, lang, e.election());
        Filled filled = filled(page, e, form);
        if (!takesVotes(e.election()) && !castBefore(e, filled, request)) {
            return notices.notOpen(request, lang, e.election(), HttpStatus.CONFLICT, true);
        }
        if (!filled.errors().isEmpty()) {
            return form(request, lang, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(filled.errors(), false));
        }
        BallotRequest ballot = new BallotRequest(filled.code(), filled.submission().projects(),
                filled.submission().points(), filled.submissionId());
        List<Violation> malformed = ballot.violations();
        if (!malformed.isEmpty()) {
            String field = malformed.get(0).field().startsWith("code") ? "code" : "form";
            return form(request, lang, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(List.of(new VoteForm.FieldError(field,
                    page.t(field.equals("code") ? "error.CODE_MALFORMED" : "error.FORM_DAMAGED"))), false));
        }
        try {
            BallotStore.Cast cast = ballots.castOnline(e.election().id(), ballot, addresses.addressOf(request));
            ReceiptFile signed = cast.receipt().signed();
            String download = signed == null ? "" : "data:application/json;base64,"
                    + Base64.getEncoder().encodeToString(signed.file());
            List<ProposalView> chosen = e.admitted().stream().filter(p -> filled.chosen().contains(p.code())).toList();
            Page titled = pages.page(request, lang, "receipt.title");
            return pages.respond(request, HttpStatus.OK, "receipt", titled, new ReceiptPage(e.election(), cast.receipt(),
                    chosen, filled.points(), download, cast.replayed() && !switching, filled.form(List.of(), true)));
        } catch (TooManyFailedCodesException tooMany) {
            return tooMany(request, lang, page, filled, tooMany);
        } catch (VotingProblem problem) {
            if (problem.code() == ProblemCode.ELECTION_NOT_OPEN) {
                // Closed between the review and the cast: nothing was stored (the cast rolled back).
                return notices.notOpen(request, lang, e.election(), HttpStatus.CONFLICT, true);
            }
            if (problem.code() == ProblemCode.ELECTION_NOT_FOUND) {
                return notFound(request, lang);
            }
            HttpStatus status = problem.getStatus() == null ? HttpStatus.UNPROCESSABLE_ENTITY
                    : HttpStatus.valueOf(problem.getStatus().getStatusCode());
            return form(request, lang, status, filled.form(VoteErrors.of(page, e.election(), e.admitted(),
                    filled.submission().projects(), problem), false));
        } catch (ApiProblem problem) {
            return form(request, lang, HttpStatus.UNPROCESSABLE_ENTITY, filled.form(List.of(new VoteForm.FieldError("form",
                    VoteErrors.message(page, problem.code()))), false));
        }
    }

    /** Whether this code and submission id cast their ballot already: a retry or a switch of language, answered with its receipt after the close too. */
    private boolean castBefore(Loaded e, Filled filled, HttpRequest<?> request) {
        try {
            return codes.of(e.election().id(), BallotService.parse(filled.code()), filled.submissionId(),
                    addresses.addressOf(request)) == CodeCheck.State.CAST_BY_THIS_SUBMISSION;
        } catch (VotingProblem | TooManyFailedCodesException notThat) {
            return false;
        }
    }

    private MutableHttpResponse<String> tooMany(HttpRequest<?> request, Lang lang, Page page, Filled filled,
                                                TooManyFailedCodesException tooMany) {
        long minutes = Math.max(1, (tooMany.retryAfterSeconds() + 59) / 60);
        return form(request, lang, HttpStatus.TOO_MANY_REQUESTS, filled.form(List.of(new VoteForm.FieldError("code",
                page.count("error.TOO_MANY_FAILED_CODES", minutes))), false))
                .header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
    }

    /** A language chosen with the switch is remembered as the link's choice is ({@link Lang#cookie}). */
    private static MutableHttpResponse<String> remember(Optional<Lang> switched, MutableHttpResponse<String> response) {
        return switched.map(l -> response.cookie(l.cookie())).orElse(response);
    }

    private MutableHttpResponse<String> notFound(HttpRequest<?> request, Lang lang) {
        Page asked = pages.page(request, lang, "notFound.title");
        Page page = new Page(lang, asked.messages(), asked.theme(), asked.title(), "/");
        return pages.respond(request, HttpStatus.NOT_FOUND, "notice", page, new Pages.Notice(page.t("notFound.text")));
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

    private MutableHttpResponse<String> form(HttpRequest<?> request, Lang lang, HttpStatus status, VoteForm form) {
        Page page = page(request, lang, form.election());
        Page titled = new Page(page.lang(), page.messages(), page.theme(),
                (form.hasErrors() ? page.t("vote.errorPrefix") + " " : "")
                        + page.t(form.review() ? "vote.reviewTitle" : "vote.title", form.election().name()), page.path());
        return pages.respond(request, status, "vote", titled, form);
    }

    /** Open, and now within its voting times (issue 11: the service refuses ballots outside them). */
    private boolean takesVotes(ElectionView e) {
        return VoteNotices.takesVotes(e, clock.instant());
    }

    private Page page(HttpRequest<?> request, Lang lang, ElectionView e) {
        return pages.page(request, lang, "vote.title", e.name());
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
