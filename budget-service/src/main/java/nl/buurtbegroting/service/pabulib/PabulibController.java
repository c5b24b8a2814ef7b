package nl.buurtbegroting.service.pabulib;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.security.Roles;
import nl.buurtbegroting.service.web.MultipartParts;

import jakarta.inject.Named;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.net.URI;

@Controller("/api/elections")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "pabulib")
class PabulibController {

    private static final String PABULIB = "text/plain;charset=utf-8";

    private final PabulibService service;
    private final ExecutorService blocking;

    PabulibController(PabulibService service, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    @Post("/import")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a DRAFT election with its proposals from a Pabulib .pb file (plain or gzipped body)")
    HttpResponse<ElectionView> importFile(@Body byte[] file, Authentication authentication) {
        return created(service.importElection(Caller.of(authentication), file, "upload"));
    }

    @Post("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The same, with the file as the multipart part 'file', the form's only part "
            + "(400 VALIDATION_FAILED: PART_MISSING, REPEATED_PART, UNKNOWN_PART)")
    CompletableFuture<HttpResponse<ElectionView>> importUpload(@Body MultipartBody form, Authentication authentication) {
        // The parts arrive while the client sends; the import then runs on the blocking pool, as every import does.
        return MultipartParts.collect(form).thenApplyAsync(parts -> {
            CompletedFileUpload file = UploadParts.onlyFile(parts);
            try {
                return created(service.importElection(Caller.of(authentication), file.getBytes(), file.getFilename()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, blocking);
    }


    @Get("/{id}/export.pb")
    @Produces(PABULIB)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "The election's configuration as a Pabulib file (META, PROJECTS, empty VOTES)")
    HttpResponse<String> export(@PathVariable long id, @Nullable Authentication authentication) {
        return HttpResponse.ok(service.export(Caller.of(authentication), id))
                .contentType(PABULIB)
                .header("Content-Disposition", "attachment; filename=\"election-" + id + ".pb\"");
    }

    private static HttpResponse<ElectionView> created(ElectionView view) {
        return HttpResponse.created(view, URI.create("/api/elections/" + view.id()));
    }
}
