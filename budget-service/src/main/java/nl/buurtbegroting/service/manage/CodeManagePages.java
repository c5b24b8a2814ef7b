package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.voting.CodeBatchRequest;
import nl.buurtbegroting.service.voting.CodeBatchService;
import nl.buurtbegroting.service.voting.CodeBatchView;
import nl.buurtbegroting.service.web.Ids;
import nl.buurtbegroting.service.web.PublicUrl;

import java.util.ArrayList;
import java.util.List;

/**
 * Voting codes: the batches with their turnout (counts only), and issuing a batch. The answer to issuing is
 * the file itself (letters as PDF, or the CSV for a print shop), made once in memory and never stored: the
 * codes exist in plain text only in that one answer, as with the API's CSV.
 */
@Controller("/manage/elections/{id}/codes")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CodeManagePages {

    static final MediaType PDF = MediaType.of("application/pdf");
    static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");

    private final Manage manage;
    private final ElectionService elections;
    private final CodeBatchService batches;
    private final PublicUrl publicUrl;

    CodeManagePages(Manage manage, ElectionService elections, CodeBatchService batches, PublicUrl publicUrl) {
        this.manage = manage;
        this.elections = elections;
        this.batches = batches;
        this.publicUrl = publicUrl;
    }

    /** The codes page. */
    public record Codes(ElectionView election, List<CodeBatchView> batches, FormState form, int maxLetters,
                        boolean canChange, String message, String self, boolean admin) {

        public Codes(ElectionView election, List<CodeBatchView> batches, FormState form, int maxLetters, boolean canChange) {
            this(election, batches, form, maxLetters, canChange, "", "", false);
        }

        public List<String> districts() {
            return election.eligibility().districts();
        }

        /**
         * A batch asked for while voting is open is approved by another staff member of the election than the
         * one who asked, or by an admin (separation of duties: nobody alone mints codes and votes with them).
         */
        public boolean mayApprove(CodeBatchView b) {
            return canChange && b.awaitingApproval() && !b.revoked() && (admin || !b.createdBy().equalsIgnoreCase(self));
        }

        public boolean anyDistrict() {
            return batches.stream().anyMatch(b -> b.district() != null);
        }

        public long issued() {
            return batches.stream().filter(b -> !b.revoked()).mapToLong(CodeBatchView::count).sum();
        }

        public long used() {
            return batches.stream().mapToLong(CodeBatchView::used).sum();
        }
    }

    @Get(produces = "text/html")
    HttpResponse<?> page(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            ManagePage page = manage.page(request, staff, "codes.title", e.name());
            FormState form = new FormState().set("output", "pdf").set("letterText", page.t("letter.default"));
            return manage.render(request, HttpStatus.OK, "codes", page, codes(staff, e, form, ""));
        });
    }

    private Codes codes(Staff staff, ElectionView e, FormState form, String message) {
        return new Codes(e, batches.list(staff.caller(), e.id()), form, LetterPdf.MAX_LETTERS,
                manage.mayChange(staff, e.id()), message, staff.username(), staff.admin());
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = {"text/html", "application/pdf", "text/csv"})
    HttpResponse<?> issue(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            ManagePage page = manage.page(request, staff, "codes.title", e.name());
            FormState state = new FormState();
            for (String f : List.of("label", "count", "output", "letterText", "district")) {
                state.set(f, form.get(f));
            }
            String label = state.v("label").strip();
            if (label.isEmpty() || label.length() > 100 || FormState.hasControl(label, false)) {
                state.error("label", page.t("e.text", page.lower("f.label"), 100));
            }
            boolean pdf = !"csv".equals(state.v("output"));
            int max = pdf ? LetterPdf.MAX_LETTERS : CodeBatchService.MAX_COUNT;
            int count = 0;
            try {
                count = Integer.parseInt(state.v("count").strip().replace(".", ""));
            } catch (NumberFormatException ex) {
                count = -1;
            }
            if (count < 1 || count > max) {
                state.error("count", page.t("e.numberRange", page.t("f.count"), 1, page.number(max)));
            }
            String district = state.v("district").strip();
            if (!e.eligibility().districts().isEmpty() && !e.eligibility().districts().contains(district)) {
                state.error("district", page.t("e.district"));
            }
            String letterText = state.v("letterText").strip();
            if (letterText.length() > 2000 || FormState.hasControl(letterText, true)) {
                state.error("letterText", page.t("e.text", page.lower("f.letterText"), 2000));
            }
            if (pdf) {
                // The codes are shown once: a letter whose text prints as "?" is found out now, not at the printer.
                List<String> odd = LetterPdf.unprintable(letterText);
                if (!odd.isEmpty()) {
                    state.error("letterText", page.t("e.letterChars", nl.buurtbegroting.service.web.Page.isolate(String.join(" ", odd))));
                }
                List<String> oddLabel = LetterPdf.unprintable(label);
                if (!oddLabel.isEmpty()) {
                    state.error("label", page.t("e.letterChars", nl.buurtbegroting.service.web.Page.isolate(String.join(" ", oddLabel))));
                }
                refuseUnprintableName(state, page, e, "");
            }
            if (state.hasErrors()) {
                return manage.render(request, HttpStatus.BAD_REQUEST, "codes", page, codes(staff, e, state, ""));
            }
            CodeBatchService.Issued issued;
            try {
                issued = batches.issue(staff.caller(), electionId, new CodeBatchRequest(count, label,
                        e.eligibility().districts().isEmpty() ? null : district));
            } catch (nl.buurtbegroting.service.problem.ApiProblem problem) {
                if (problem.code() != nl.buurtbegroting.service.problem.ProblemCode.TOO_MANY_CODES) {
                    throw problem;
                }
                // The election's limit (bb.codes.max-per-election) with the numbers, beside the number typed, so the
                // team sees how many codes can still be made; nothing was stored.
                java.util.Map<String, Object> n = problem.getParameters();
                long limit = ((Number) n.get("limit")).longValue();
                long already = ((Number) n.get("issued")).longValue();
                state.error("count", page.t("e.tooManyCodes", page.number(limit), page.number(already),
                        page.number(((Number) n.get("requested")).longValue()), page.number(Math.max(0, limit - already))));
                return manage.render(request, HttpStatus.CONFLICT, "codes", page, codes(staff, e, state, ""));
            }
            if (issued.batch().awaitingApproval()) {
                // Asked for while voting is open: no codes yet, a second staff member approves it below.
                FormState fresh = new FormState().set("output", "pdf").set("letterText", page.t("letter.default"));
                return manage.render(request, HttpStatus.ACCEPTED, "codes", page,
                        codes(staff, e, fresh, page.t("codes.pending", nl.buurtbegroting.service.web.Page.isolate(label))));
            }
            return file(request, page, e, issued, pdf, letterText);
        });
    }

    @Post(value = "/{batchId}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = {"text/html", "application/pdf", "text/csv"})
    HttpResponse<?> approve(HttpRequest<?> request, @PathVariable String id, @PathVariable String batchId,
                            @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        long batch = Ids.parse(batchId);
        return manage.post(request, body, (staff, form) -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            ManagePage page = manage.page(request, staff, "codes.title", e.name());
            CodeBatchView asked = batches.list(staff.caller(), electionId).stream().filter(b -> b.id() == batch)
                    .findFirst().orElse(null);
            // Letters only while they fit one PDF; a bigger batch comes as the print shop's CSV.
            boolean pdf = !"csv".equals(form.get("output")) && asked != null && asked.count() <= LetterPdf.MAX_LETTERS;
            if (pdf) {
                // Refused before the approval: the codes are shown only once, in this answer.
                FormState state = new FormState().set("output", "csv").set("letterText", page.t("letter.default"));
                if (refuseUnprintableName(state, page, e, asked.label())) {
                    return manage.render(request, HttpStatus.UNPROCESSABLE_ENTITY, "codes", page, codes(staff, e, state, ""));
                }
            }
            CodeBatchService.Issued issued = batches.approve(staff.caller(), electionId, batch);
            return file(request, page, e, issued, pdf, page.t("letter.default"));
        });
    }

    /**
     * Sets an error on the choice of letters when the texts on every letter that the team cannot change here (the
     * municipality's name, the election's name, once open for good; a batch's label at its approval) hold
     * characters the letter's font cannot print, so a letter never shows "?" in their place. The list for the
     * printer (CSV) stays possible. True when refused.
     */
    private static boolean refuseUnprintableName(FormState state, ManagePage page, ElectionView e, String label) {
        List<String> odd = LetterPdf.unprintable(page.theme().getMunicipality() + " " + e.name() + " " + label);
        if (odd.isEmpty()) {
            return false;
        }
        state.error("output", page.t("e.letterName", nl.buurtbegroting.service.web.Page.isolate(String.join(" ", odd))));
        return true;
    }

    /** The one answer that holds a batch's codes: letters as PDF or the CSV. */
    private HttpResponse<?> file(HttpRequest<?> request, ManagePage page, ElectionView e, CodeBatchService.Issued issued,
                                 boolean pdf, String letterText) {
        long electionId = e.id();
        String label = issued.batch().label();
        String name = "election-" + electionId + "-batch-" + issued.batch().id();
        if (!pdf) {
            return download(batches.csv(issued, electionId), CSV, name + ".csv");
        }
        String base = publicUrl.base(origin(request)) + "/vote/" + electionId + "#";
        List<LetterPdf.Letter> letters = new ArrayList<>(issued.codes().size());
        for (VotingCode code : issued.codes()) {
            letters.add(new LetterPdf.Letter(code.printed(), base + code.printed()));
        }
        LetterPdf.Texts texts = new LetterPdf.Texts(page.theme().getMunicipality(), e.name(), letterText,
                page.t("letter.code"), page.t("letter.scan"), page.t("letter.batch", label, issued.batch().id()));
        return download(LetterPdf.render(texts, letters), PDF, name + ".pdf");
    }

    private static HttpResponse<?> download(byte[] bytes, MediaType type, String filename) {
        return HttpResponse.ok(bytes).contentType(type)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }

    /** This server as the browser reached it, when no public address is configured. */
    static String origin(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = "localhost";
        }
        return (StaffSessions.secure(request) ? "https://" : "http://") + host;
    }
}
