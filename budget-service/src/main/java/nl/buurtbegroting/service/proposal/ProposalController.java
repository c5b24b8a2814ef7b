package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.security.Roles;

import java.net.URI;
import java.util.List;

@Controller("/api/elections/{electionId}/proposals")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "proposals")
class ProposalController {

    private final ProposalService service;

    ProposalController(ProposalService service) {
        this.service = service;
    }

    @Post
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Add a proposal to a DRAFT election (409 ELECTION_NOT_DRAFT once it is open)")
    HttpResponse<ProposalView> create(@PathVariable long electionId, @Body @Valid ProposalRequest request,
                                      Authentication authentication) {
        ProposalView created = service.create(Caller.of(authentication), electionId, request);
        return HttpResponse.created(created, URI.create("/api/elections/" + electionId + "/proposals/" + created.id()));
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "The proposals of an election with their verdicts and public reasons")
    List<ProposalView> list(@PathVariable long electionId, @Nullable Authentication authentication) {
        return service.list(Caller.of(authentication), electionId);
    }

    @Put("/order")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Order the proposals of a DRAFT election: the body lists every proposal id once, first shown first "
            + "(400 PROPOSAL_ORDER_MISMATCH on a missing, unknown or repeated id; 409 ELECTION_NOT_DRAFT once open)")
    List<ProposalView> order(@PathVariable long electionId, @Body ProposalOrder order, Authentication authentication) {
        return service.reorder(Caller.of(authentication), electionId, order.proposalIds());
    }

    @Get("/{proposalId}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "One proposal")
    ProposalView get(@PathVariable long electionId, @PathVariable long proposalId,
                     @Nullable Authentication authentication) {
        return service.get(Caller.of(authentication), electionId, proposalId);
    }

    @Patch("/{proposalId}")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change a proposal of a DRAFT election, including its verdict")
    ProposalView update(@PathVariable long electionId, @PathVariable long proposalId,
                        @Body @Valid ProposalPatch patch, Authentication authentication) {
        return service.update(Caller.of(authentication), electionId, proposalId, patch);
    }
}
