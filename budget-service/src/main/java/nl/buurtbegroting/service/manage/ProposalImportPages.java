package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.proposal.ProposalRequest;
import nl.buurtbegroting.service.proposal.ProposalService;
import nl.buurtbegroting.service.web.Ids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Proposals in bulk from a CSV (pasted or uploaded) or a Pabulib file: first a preview with every row and its
 * errors; then one confirmation stores them all in one transaction through {@link ProposalService#createAll},
 * or none when the service refuses one.
 */
@Controller("/manage/elections/{id}/import-proposals")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProposalImportPages {

    private final Manage manage;
    private final ElectionService elections;
    private final ProposalService proposals;

    ProposalImportPages(Manage manage, ElectionService elections, ProposalService proposals) {
        this.manage = manage;
        this.elections = elections;
        this.proposals = proposals;
    }

    /** The page: the election, the text being imported, the preview (null before one) and a refusal. */
    public record Bulk(ElectionView election, String csv, ProposalImport.@Nullable Parsed preview, String refusal) {
    }

    @Get(produces = "text/html")
    HttpResponse<?> form(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> manage.ok(request, staff, "bulk", "bulk.title",
                new Bulk(elections.get(staff.caller(), electionId), "", null, "")));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = "text/html")
    HttpResponse<?> submit(HttpRequest<?> request, @PathVariable String id, @Part("csrf") @Nullable String csrf,
                           @Part("csv") @Nullable String csv, @Part("file") @Nullable CompletedFileUpload file,
                           @Part("action") @Nullable String action) {
        long electionId = Ids.parse(id);
        return manage.post(request, csrf, staff -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            ManagePage page = manage.page(request, staff, "bulk.title");
            String text = csv == null ? "" : csv;
            if (file != null && file.getSize() > 0) {
                byte[] bytes = bytes(file);
                String decoded = ProposalImport.decode(bytes);
                try {
                    text = decoded.stripLeading().startsWith("META") ? ProposalImport.fromPabulib(bytes, file.getFilename()) : decoded;
                } catch (ApiProblem problem) {
                    return manage.render(request, HttpStatus.BAD_REQUEST, "bulk", page, new Bulk(e, "", null,
                            FilePages.fileError(page, problem)));
                }
            }
            java.util.Set<String> taken = new java.util.HashSet<>();
            proposals.list(staff.caller(), electionId).forEach(p -> taken.add(p.code()));
            java.util.Set<String> categories = new java.util.HashSet<>();
            e.categories().forEach(c -> categories.add(c.name()));
            ProposalImport.Parsed parsed = ProposalImport.parse(text, page, taken, categories);
            if (!"import".equals(action) || !parsed.ok()) {
                return manage.render(request, parsed.ok() ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "bulk", page,
                        new Bulk(e, text, parsed, ""));
            }
            List<ProposalRequest> requests = parsed.rows().stream().map(ProposalImport.Row::request).toList();
            try {
                proposals.createAll(staff.caller(), electionId, requests);
            } catch (ApiProblem problem) {
                // What the preview could not foresee (the election changed meanwhile): the violation's own text in the
                // reader's language, not the service's "see 'violations'" and a JSON path.
                FormState refused = new FormState();
                String message = refused.placed(page, problem, f -> "csv") ? refused.errorOf("csv")
                        : manage.problemText(page, problem.code().name(), problem.getDetail() == null ? "" : problem.getDetail());
                return manage.render(request, HttpStatus.BAD_REQUEST, "bulk", page, new Bulk(e, text, parsed, message));
            }
            return manage.seeOther("/manage/elections/" + electionId + "#proposals");
        });
    }

    /** A file over the service's 8 MB, stopped while it arrives: the page again, with the reason. */
    @Error(exception = ContentLengthExceededException.class)
    HttpResponse<?> tooLarge(HttpRequest<?> request) {
        String[] parts = request.getPath().split("/");
        long electionId = parts.length > 3 ? Ids.parse(parts[3]) : 0;
        return manage.get(request, staff -> {
            ManagePage page = manage.page(request, staff, "bulk.title");
            return manage.render(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "bulk", page,
                    new Bulk(elections.get(staff.caller(), electionId), "", null, page.t("upload.tooLarge")));
        });
    }

    private static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
