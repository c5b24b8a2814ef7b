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
import nl.buurtbegroting.service.election.ElectionRequest;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionSummary;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.election.RuleCatalog;
import nl.buurtbegroting.service.election.ScheduleRequest;
import nl.buurtbegroting.service.election.VotingSchedule;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.proposal.ProposalService;
import nl.buurtbegroting.service.proposal.ProposalView;
import nl.buurtbegroting.service.security.ElectionGrant;
import nl.buurtbegroting.service.security.ElectionGrantRepository;
import nl.buurtbegroting.service.voting.CodeBatchService;
import nl.buurtbegroting.service.voting.CodeBatchView;
import nl.buurtbegroting.service.web.Ids;
import nl.buurtbegroting.service.web.Lang;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * My elections, setting one up (DRAFT), its overview with the checklist before Open, and the lifecycle buttons
 * (open, close). Each step calls the service the API calls; a refusal comes back as a page with its reason.
 */
@Controller("/manage")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ElectionManagePages {

    private final Manage manage;
    private final ElectionService elections;
    private final ProposalService proposals;
    private final CodeBatchService batches;
    private final ElectionGrantRepository grants;
    private final VotingSchedule schedule;

    ElectionManagePages(Manage manage, ElectionService elections, ProposalService proposals, CodeBatchService batches,
                        ElectionGrantRepository grants, VotingSchedule schedule) {
        this.manage = manage;
        this.schedule = schedule;
        this.elections = elections;
        this.proposals = proposals;
        this.batches = batches;
        this.grants = grants;
    }

    /** The id of the new end of voting on the election's page (the form field and its error's link). */
    static final String EXTEND_FIELD = "extend-closes";
    static final String SCHEDULE_OPENS = "schedule-opens";
    static final String SCHEDULE_CLOSES = "schedule-closes";

    /** One line of "my elections": the election and the key of its next step. */
    public record Row(ElectionSummary election, String next) {
    }

    public record Home(List<Row> elections, boolean canCreate) {
    }

    /** The set-up form: new (id 0) or an existing draft. */
    public record SetUp(long id, FormState form, List<String> rules) {
    }

    /** An election's overview. */
    public record Overview(ElectionView election, List<ProposalView> proposals, List<Violation> missing,
                           List<CodeBatchView> batches, boolean canChange, FormState form) {
        public boolean draft() {
            return election.state() == ElectionState.DRAFT;
        }

        public String state() {
            return election.state().name();
        }

        /**
         * Open, but its start is still ahead: both times may move either way (the service refuses it once a paper
         * ballot is in, beside the start field). Once voting runs only the end moves, later.
         */
        public boolean beforeStart() {
            return election.state() == ElectionState.OPEN && election.votingOpens() != null
                    && java.time.Instant.now().isBefore(election.votingOpens());
        }

        /** The form's value as typed, or else the election's current time as the field shows it. */
        public String scheduled(String field, java.time.Instant current) {
            return form.has(field) ? form.v(field) : ElectionForm.local(current);
        }

        /**
         * The checklist in the reader's language. The service's own message is English and, for a few codes, ends in
         * the proposals it means ("...: 3, 7"); those are shown after the translated text, never the English.
         */
        public List<String> checklist(ManagePage page) {
            return missing.stream().map(v -> {
                String text = page.has("problem." + v.code()) ? page.t("problem." + v.code()) : page.t("election.notReadyOther");
                int colon = v.message().lastIndexOf(": ");
                return NAMES_PROPOSALS.contains(v.code()) && colon >= 0
                        ? text + " " + page.t("election.notReadyWhich", v.message().substring(colon + 2)) : text;
            }).toList();
        }
    }

    /** The checklist codes whose message ends in the numbers of the proposals concerned. */
    private static final Set<String> NAMES_PROPOSALS = Set.of("VERDICT_PENDING", "UNKNOWN_CATEGORY", "UNKNOWN_PROPOSAL",
            "TIE_ORDER_INCOMPLETE");

    @Get(produces = "text/html")
    HttpResponse<?> home(HttpRequest<?> request) {
        return manage.get(request, staff -> {
            List<ElectionSummary> all = elections.list(staff.caller());
            if (!staff.admin() && !staff.auditor()) {
                Set<Long> mine = grants.findByUsername(staff.username()).stream().map(ElectionGrant::electionId)
                        .collect(Collectors.toSet());
                all = all.stream().filter(e -> mine.contains(e.id())).toList();
            }
            List<Row> rows = all.stream().map(e -> new Row(e, next(staff, e))).toList();
            return manage.ok(request, staff, "home", "home.title", new Home(rows, staff.canChange()));
        });
    }

    /** What to do next, as a text key: "add proposals", "open voting", "tally"... */
    private String next(Staff staff, ElectionSummary e) {
        return switch (e.state()) {
            case DRAFT -> {
                List<Violation> missing = elections.missingForOpen(staff.caller(), e.id());
                yield missing.isEmpty() ? "next.open"
                        : missing.stream().anyMatch(v -> v.code().equals("NO_ELIGIBLE_PROPOSAL")) ? "next.proposals"
                        : "next.checklist";
            }
            case OPEN -> "next.close";
            case CLOSED -> "next.tally";
            case TALLIED -> "next.publish";
            case PUBLISHED -> "next.done";
        };
    }

    @Get(value = "/elections/new", produces = "text/html")
    HttpResponse<?> newForm(HttpRequest<?> request) {
        return manage.get(request, staff -> manage.ok(request, staff, "setup", "setup.newTitle",
                new SetUp(0, ElectionForm.empty(), RuleCatalog.names())));
    }

    @Post(value = "/elections", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> create(HttpRequest<?> request, @Body @Nullable String body) {
        return manage.post(request, body, (staff, form) -> {
            FormState state = ElectionForm.of(form);
            Lang to = Lang.of(form.get("switch")).orElse(null);
            if (to != null) {
                return switched(request, staff, to, 0, state, "setup.newTitle");
            }
            ManagePage page = manage.page(request, staff, "setup.newTitle");
            ElectionRequest r = ElectionForm.read(state, page);
            if (r != null) {
                try {
                    ElectionView created = elections.create(staff.caller(), r);
                    return manage.seeOther("/manage/elections/" + created.id());
                } catch (ApiProblem problem) {
                    if (!state.placed(page, problem, ElectionForm::fieldOf)) {
                        throw problem;
                    }
                }
            }
            return manage.render(request, HttpStatus.BAD_REQUEST, "setup", page, new SetUp(0, state, RuleCatalog.names()));
        });
    }

    @Get(value = "/elections/{id}", produces = "text/html")
    HttpResponse<?> overview(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> overview(request, staff, electionId, new FormState(), HttpStatus.OK));
    }

    /** The overview, with the extend form as typed and its error when it came back refused. */
    private HttpResponse<?> overview(HttpRequest<?> request, Staff staff, long electionId, FormState form, HttpStatus status) {
        ElectionView e = elections.get(staff.caller(), electionId);
        boolean canChange = manage.mayChange(staff, electionId);
        List<Violation> missing = e.state() == ElectionState.DRAFT
                ? elections.missingForOpen(staff.caller(), electionId) : List.of();
        List<CodeBatchView> list = batches.list(staff.caller(), electionId);
        return manage.render(request, status, "election", manage.page(request, staff, "election.title", e.name()),
                new Overview(e, proposals.list(staff.caller(), electionId), missing, list, canChange, form));
    }

    @Get(value = "/elections/{id}/edit", produces = "text/html")
    HttpResponse<?> editForm(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            return manage.ok(request, staff, "setup", "setup.editTitle",
                    new SetUp(electionId, ElectionForm.of(e), RuleCatalog.names()), e.name());
        });
    }

    @Post(value = "/elections/{id}/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> update(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            FormState state = ElectionForm.of(form);
            Lang to = Lang.of(form.get("switch")).orElse(null);
            if (to != null) {
                return switched(request, staff, to, electionId, state, "setup.editTitle");
            }
            ManagePage page = manage.page(request, staff, "setup.editTitle", state.v("name"));
            ElectionRequest r = ElectionForm.read(state, page);
            if (r != null) {
                try {
                    elections.update(staff.caller(), electionId, ElectionForm.patch(r));
                    return manage.seeOther("/manage/elections/" + electionId);
                } catch (ApiProblem problem) {
                    if (!state.placed(page, problem, ElectionForm::fieldOf)) {
                        throw problem;
                    }
                }
            }
            return manage.render(request, HttpStatus.BAD_REQUEST, "setup", page, new SetUp(electionId, state, RuleCatalog.names()));
        });
    }

    /**
     * The language switch of the election form: the form again as typed, in the language chosen, which is remembered
     * as the switch's link does; nothing is checked or saved, so no error is shown before the team sends it.
     */
    private HttpResponse<?> switched(HttpRequest<?> request, Staff staff, Lang to, long electionId, FormState state,
                                     String titleKey) {
        ManagePage page = manage.page(request, staff, to, titleKey, state.v("name"));
        return manage.render(request, HttpStatus.OK, "setup", page, new SetUp(electionId, state, RuleCatalog.names()))
                .cookie(to.cookie());
    }

    @Post(value = "/elections/{id}/open", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> open(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            elections.open(staff.caller(), electionId);
            return manage.seeOther("/manage/elections/" + electionId);
        });
    }

    @Post(value = "/elections/{id}/close", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> close(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            elections.close(staff.caller(), electionId);
            return manage.seeOther("/manage/elections/" + electionId);
        });
    }

    /**
     * Moves the end of voting of an open election later (issue 11: the service refuses ballots after it); audited and
     * in the bundle. A time that is not later than now and the current end is refused with the reason.
     */
    @Post(value = "/elections/{id}/extend", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> extend(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            java.time.Instant closes;
            try {
                closes = java.time.LocalDateTime.parse(form.get("closes").strip(),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", java.util.Locale.ROOT))
                        .atZone(nl.buurtbegroting.service.web.Page.ZONE).toInstant();
            } catch (java.time.format.DateTimeParseException ex) {
                closes = null;
            }
            // A refusal comes back on the election's page, beside the field, with what was typed.
            ManagePage page = manage.page(request, staff, "election.extendTitle");
            FormState state = new FormState().set(EXTEND_FIELD, form.get("closes"));
            if (closes == null) {
                state.error(EXTEND_FIELD, page.t("election.extendFormat"));
            } else if (!closes.isAfter(java.time.Instant.now()) || (e.votingCloses() != null && !closes.isAfter(e.votingCloses()))) {
                state.error(EXTEND_FIELD, page.t("election.extendLater",
                        e.votingCloses() == null ? page.t("election.extendNow") : page.when(e.votingCloses())));
            }
            if (state.hasErrors()) {
                return overview(request, staff, electionId, state, HttpStatus.BAD_REQUEST);
            }
            elections.extend(staff.caller(), electionId, closes);
            return manage.seeOther("/manage/elections/" + electionId);
        });
    }
    /**
     * Moves the voting times of an open election whose voting has not started yet (the letters may have gone out with
     * the wrong date): both times, either way. What the service refuses comes back beside its field.
     */
    @Post(value = "/elections/{id}/schedule", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> reschedule(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            ManagePage page = manage.page(request, staff, "election.scheduleTitle");
            FormState state = new FormState().set(SCHEDULE_OPENS, form.get("opens")).set(SCHEDULE_CLOSES, form.get("closes"));
            java.time.Instant opens = localTime(state, SCHEDULE_OPENS, page);
            java.time.Instant closes = localTime(state, SCHEDULE_CLOSES, page);
            if (!state.hasErrors()) {
                try {
                    schedule.reschedule(staff.caller(), electionId, new ScheduleRequest(opens, closes));
                    return manage.seeOther("/manage/elections/" + electionId);
                } catch (ApiProblem problem) {
                    if (!state.placed(page, problem, f -> "votingOpens".equals(f) ? SCHEDULE_OPENS : SCHEDULE_CLOSES)) {
                        throw problem;
                    }
                }
            }
            return overview(request, staff, electionId, state, HttpStatus.BAD_REQUEST);
        });
    }

    /**
     * A datetime-local field in the municipality's time zone; null when left empty (that time stays as it is), an
     * error beside the field when unreadable.
     */
    private static java.time.@Nullable Instant localTime(FormState state, String field, ManagePage page) {
        String typed = state.v(field).strip();
        if (typed.isEmpty()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(typed, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm",
                    java.util.Locale.ROOT)).atZone(nl.buurtbegroting.service.web.Page.ZONE).toInstant();
        } catch (java.time.format.DateTimeParseException ex) {
            state.error(field, page.t("election.extendFormat"));
            return null;
        }
    }
}
