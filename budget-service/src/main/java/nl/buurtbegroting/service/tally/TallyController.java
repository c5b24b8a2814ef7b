package nl.buurtbegroting.service.tally;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.security.Roles;

@Controller("/api/elections/{id}/tally")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "results")
@SecurityRequirement(name = "bearer")
class TallyController {

    private final TallyService service;

    TallyController(TallyService service) {
        this.service = service;
    }

    @Post
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count a CLOSED election with its rule and tie-breaking (organiser of the election, admin): "
            + "CLOSED -> TALLIED. 200 the tally; 403, 404, 409 ELECTION_NOT_CLOSED")
    HttpResponse<String> tally(@PathVariable long id, Authentication authentication) {
        return HttpResponse.ok(service.tally(Caller.of(authentication), id)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(io.micronaut.http.HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tally for review (organiser of the election, auditor, admin): outcome, explanations in "
            + "nl and en, turnout. 401, 403, 404, 409 ELECTION_NOT_TALLIED")
    HttpResponse<String> get(@PathVariable long id, @Nullable Authentication authentication) {
        return HttpResponse.ok(service.view(Caller.of(authentication), id)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(io.micronaut.http.HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
