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
import nl.buurtbegroting.service.election.Category;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.proposal.ProposalPatch;
import nl.buurtbegroting.service.proposal.ProposalRequest;
import nl.buurtbegroting.service.proposal.ProposalService;
import nl.buurtbegroting.service.proposal.ProposalView;
import nl.buurtbegroting.service.proposal.Verdict;
import nl.buurtbegroting.service.web.Form;
import nl.buurtbegroting.service.web.Ids;

import java.util.List;

/**
 * Adding, changing and removing the proposals of a draft, with the eligibility verdict and its public reason.
 * A form that fails comes back filled in, with the error beside its field.
 */
@Controller("/manage/elections/{id}/proposals")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProposalManagePages {

    static final List<String> FIELDS = List.of("code", "title", "summary", "cost", "category", "verdict", "publicReason");

    private final Manage manage;
    private final ElectionService elections;
    private final ProposalService proposals;

    ProposalManagePages(Manage manage, ElectionService elections, ProposalService proposals) {
        this.manage = manage;
        this.elections = elections;
        this.proposals = proposals;
    }

    /** The proposal form: new (proposalId 0) or an existing one. */
    public record ProposalForm(ElectionView election, long proposalId, FormState form) {
        public List<String> categories() {
            return election.categories().stream().map(Category::name).toList();
        }
    }

    @Get(value = "/new", produces = "text/html")
    HttpResponse<?> newForm(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            return manage.ok(request, staff, "proposal", "proposal.newTitle",
                    new ProposalForm(e, 0, new FormState().set("verdict", "PENDING")));
        });
    }

    @Post(value = "/new", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> create(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            FormState state = state(form);
            var to = nl.buurtbegroting.service.web.Lang.of(form.get("switch"));
            if (to.isPresent()) {
                // The language switch: the form again as typed, in the chosen language; nothing checked or saved.
                return manage.render(request, HttpStatus.OK, "proposal", manage.page(request, staff, to.get(),
                        "proposal.newTitle"), new ProposalForm(e, 0, state)).cookie(to.get().cookie());
            }
            ManagePage page = manage.page(request, staff, "proposal.newTitle");
            Read r = read(state, page);
            if (r != null) {
                String code = state.v("code").strip();
                try {
                    proposals.create(staff.caller(), electionId, new ProposalRequest(code.isEmpty() ? null : code,
                            r.title, r.summary, r.cost, r.category, r.verdict, r.reason));
                    return manage.seeOther("/manage/elections/" + electionId + "#proposals");
                } catch (ApiProblem problem) {
                    if (!state.placed(page, problem, f -> FIELDS.contains(f) ? f : "title")) {
                        throw problem;
                    }
                }
            }
            return manage.render(request, HttpStatus.BAD_REQUEST, "proposal", page, new ProposalForm(e, 0, state));
        });
    }

    @Get(value = "/{proposalId}", produces = "text/html")
    HttpResponse<?> editForm(HttpRequest<?> request, @PathVariable String id, @PathVariable String proposalId) {
        long electionId = Ids.parse(id);
        long pid = Ids.parse(proposalId);
        return manage.get(request, staff -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            ProposalView p = proposals.get(staff.caller(), electionId, pid);
            FormState state = new FormState().set("code", p.code()).set("title", p.title()).set("summary", p.summary())
                    .set("cost", p.cost()).set("category", p.category()).set("verdict", p.verdict().name())
                    .set("publicReason", p.publicReason());
            return manage.ok(request, staff, "proposal", "proposal.editTitle", new ProposalForm(e, pid, state), p.title());
        });
    }

    @Post(value = "/{proposalId}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> update(HttpRequest<?> request, @PathVariable String id, @PathVariable String proposalId,
                           @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        long pid = Ids.parse(proposalId);
        return manage.post(request, body, (staff, form) -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            FormState state = state(form);
            var to = nl.buurtbegroting.service.web.Lang.of(form.get("switch"));
            if (to.isPresent()) {
                return manage.render(request, HttpStatus.OK, "proposal", manage.page(request, staff, to.get(),
                        "proposal.editTitle", state.v("title")), new ProposalForm(e, pid, state)).cookie(to.get().cookie());
            }
            ManagePage page = manage.page(request, staff, "proposal.editTitle", state.v("title"));
            Read r = read(state, page);
            if (r != null) {
                try {
                    // A blank category or reason is sent as "" so it replaces the stored one.
                    proposals.update(staff.caller(), electionId, pid, new ProposalPatch(r.title, r.summary, r.cost,
                            r.category, r.verdict, r.reason == null ? "" : r.reason));
                    return manage.seeOther("/manage/elections/" + electionId + "#proposals");
                } catch (ApiProblem problem) {
                    if (!state.placed(page, problem, f -> FIELDS.contains(f) ? f : "title")) {
                        throw problem;
                    }
                }
            }
            return manage.render(request, HttpStatus.BAD_REQUEST, "proposal", page, new ProposalForm(e, pid, state));
        });
    }

    @Post(value = "/{proposalId}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id, @PathVariable String proposalId,
                           @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        long pid = Ids.parse(proposalId);
        return manage.post(request, body, (staff, form) -> {
            proposals.delete(staff.caller(), electionId, pid);
            return manage.seeOther("/manage/elections/" + electionId + "#proposals");
        });
    }

    /** Move up / Move down on the election page: a small form per button, so it works without JavaScript. */
    @Post(value = "/{proposalId}/move", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> move(HttpRequest<?> request, @PathVariable String id, @PathVariable String proposalId,
                         @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        long pid = Ids.parse(proposalId);
        return manage.post(request, body, (staff, form) -> {
            String direction = form.get("direction");
            if (!"up".equals(direction) && !"down".equals(direction)) {
                throw ApiProblem.invalid("direction", "INVALID_DIRECTION", "direction is 'up' or 'down'");
            }
            proposals.move(staff.caller(), electionId, pid, "up".equals(direction) ? -1 : 1);
            return manage.seeOther("/manage/elections/" + electionId + "#proposal-" + pid);
        });
    }

    private static FormState state(Form form) {
        FormState s = new FormState();
        FIELDS.forEach(f -> s.set(f, form.get(f)));
        return s;
    }

    private record Read(String title, String summary, Long cost, String category, Verdict verdict, String reason) {
    }

    private static Read read(FormState s, ManagePage page) {
        String code = s.v("code").strip();
        if (!code.isEmpty() && (code.length() > 64 || !code.matches("[A-Za-z0-9._-]+"))) {
            s.error("code", page.t("e.code"));
        }
        String title = s.v("title").strip();
        if (title.isEmpty() || title.length() > 200) {
            s.error("title", page.t("e.text", page.lower("f.title"), 200));
        }
        if (FormState.hasControl(title, false)) {
            s.error("title", page.t("e.control", page.t("f.title")));
        }
        String summary = s.v("summary").strip();
        if (FormState.hasControl(summary, true)) {
            s.error("summary", page.t("e.control", page.t("f.summary")));
        }
        if (summary.length() > 4000) {
            s.error("summary", page.t("e.text", page.lower("f.summary"), 4000));
        }
        Long cost = null;
        String c = s.v("cost").strip().replace(".", "").replace(" ", "");
        try {
            cost = Long.parseLong(c);
            if (cost <= 0 || cost > ElectionForm.MAX_AMOUNT) {
                s.error("cost", page.t("e.numberRange", page.t("f.cost"), 1, page.number(ElectionForm.MAX_AMOUNT)));
            }
        } catch (NumberFormatException e) {
            s.error("cost", c.isEmpty() ? page.t("e.numberMissing", page.lower("f.cost"))
                    : c.matches("-?[0-9]+") ? page.t("e.numberRange", page.t("f.cost"), 1, page.number(ElectionForm.MAX_AMOUNT))
                    : page.t("e.amount", page.t("f.cost")));
        }
        String category = s.v("category").strip();
        if (category.length() > 100) {
            s.error("category", page.t("e.choice", page.t("f.category")));
        }
        Verdict verdict = null;
        try {
            verdict = Verdict.valueOf(s.v("verdict"));
        } catch (IllegalArgumentException e) {
            s.error("verdict", page.t("e.verdict"));
        }
        String reason = s.v("publicReason").strip();
        if (FormState.hasControl(reason, true) || FormState.hasControl(category, false)) {
            s.error("publicReason", page.t("e.control", page.t("f.publicReason")));
        }
        if (reason.length() > 1000) {
            s.error("publicReason", page.t("e.text", page.lower("f.publicReason"), 1000));
        }
        if (s.hasErrors()) {
            return null;
        }
        return new Read(title, summary, cost, category.isEmpty() ? null : category, verdict, reason.isEmpty() ? null : reason);
    }}
