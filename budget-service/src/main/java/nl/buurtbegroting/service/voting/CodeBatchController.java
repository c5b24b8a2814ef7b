package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpHeaders;
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
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.security.Roles;

import java.util.List;

@Controller("/api/elections/{id}/code-batches")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "voting")
@SecurityRequirement(name = "bearer")
class CodeBatchController {

    static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");

    private final CodeBatchService service;

    private final io.micronaut.json.JsonMapper mapper;

    CodeBatchController(CodeBatchService service, io.micronaut.json.JsonMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Post(produces = "text/csv")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @Operation(summary = "Issue a batch of one-time codes (organiser of the election): the plaintext codes are "
            + "returned once, as CSV (code,batch,url) and never again. Headers X-Batch-Id and X-Batch-Count. While "
            + "voting is open an organiser's batch waits for a second staff member's approval: 202 with the batch.")
    HttpResponse<byte[]> issue(@PathVariable long id, @Body @Valid CodeBatchRequest request, Authentication authentication) {
        CodeBatchService.Issued issued = service.issue(Caller.of(authentication), id, request);
        if (issued.batch().awaitingApproval()) {
            return HttpResponse.<byte[]>status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Batch-Id", Long.toString(issued.batch().id()))
                    .body(json(issued.batch()));
        }
        return csvResponse(issued, id);
    }

    @Post(value = "/{batchId}/approve", produces = "text/csv")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @Operation(summary = "Approve a batch asked for while voting is open (another staff member of the election than "
            + "the one who asked, or an admin): its codes are made now and returned once, as CSV")
    HttpResponse<byte[]> approve(@PathVariable long id, @PathVariable long batchId, Authentication authentication) {
        return csvResponse(service.approve(Caller.of(authentication), id, batchId), id);
    }

    private byte[] json(CodeBatchView view) {
        try {
            return mapper.writeValueAsBytes(view);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> csvResponse(CodeBatchService.Issued issued, long id) {
        byte[] csv = service.csv(issued, id);
        return HttpResponse.<byte[]>status(HttpStatus.CREATED)
                .contentType(CSV)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"election-" + id + "-batch-"
                        + issued.batch().id() + ".csv\"")
                .header("X-Batch-Id", Long.toString(issued.batch().id()))
                .header("X-Batch-Count", Integer.toString(issued.batch().count()))
                .body(csv);
    }

    @Get
    @Secured({Roles.ADMIN, Roles.ORGANISER, Roles.AUDITOR})
    @Operation(summary = "The election's code batches with the number of used codes (never the codes)")
    List<CodeBatchView> list(@PathVariable long id, Authentication authentication) {
        return service.list(Caller.of(authentication), id);
    }

    @Post("/{batchId}/revoke")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @Operation(summary = "Revoke a batch before voting opens (409 ELECTION_NOT_DRAFT after)")
    CodeBatchView revoke(@PathVariable long id, @PathVariable long batchId, Authentication authentication) {
        return service.revoke(Caller.of(authentication), id, batchId);
    }
}
