package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.multipart.MultipartBody;
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

import java.util.List;
import java.util.Set;

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
    public record Bulk(ElectionView election, String csv, ProposalImport.@Nullable Parsed preview, String refusal,
                       String fileError) {

        Bulk(ElectionView election, String csv, ProposalImport.@Nullable Parsed preview, String refusal) {
            this(election, csv, preview, refusal, "");
        }
    }

    @Get(produces = "text/html")
    HttpResponse<?> form(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> manage.ok(request, staff, "bulk", "bulk.title",
                new Bulk(elections.get(staff.caller(), electionId), "", null, "")));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = "text/html")
    HttpResponse<?> submit(HttpRequest<?> request, @PathVariable String id, @Body MultipartBody body) {
        long electionId = Ids.parse(id);
        PageParts.Parts parts = PageParts.read(body, Set.of("csrf", "csv", "action"));
        String action = parts.field("action");
        return manage.post(request, parts.field("csrf"), staff -> {
            ElectionView e = elections.get(staff.caller(), electionId);
            ManagePage page = manage.page(request, staff, "bulk.title");
            String text = parts.field("csv") == null ? "" : parts.field("csv");
            if (parts.fault() != null) {
                // The typed list stays; only the file was odd, so the message stands beside the file field.
                return manage.render(request, HttpStatus.BAD_REQUEST, "bulk", page, new Bulk(e, text, null, "",
                        page.t(parts.fault(), parts.faultArg())));
            }
            if (parts.file() != null) {
                byte[] bytes = parts.bytes();
                String decoded = ProposalImport.decode(bytes);
                try {
                    text = decoded.stripLeading().startsWith("META") ? ProposalImport.fromPabulib(bytes, parts.fileName()) : decoded;
                } catch (ApiProblem problem) {
                    return manage.render(request, HttpStatus.BAD_REQUEST, "bulk", page, new Bulk(e, text, null, "",
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
    HttpResponse<?> tooLarge(HttpRequest<?> request, ContentLengthExceededException tooLarge) {
        String[] parts = request.getPath().split("/");
        long electionId = parts.length > 3 ? Ids.parse(parts[3]) : 0;
        return manage.get(request, staff -> {
            ManagePage page = manage.page(request, staff, "bulk.title");
            return manage.render(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "bulk", page,
                    new Bulk(elections.get(staff.caller(), electionId), "", null, "", page.t(FilePages.tooLargeKey(tooLarge))));
        });
    }

}
