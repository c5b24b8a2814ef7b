package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.Map;

@Controller("/api/elections/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "voting")
@SecurityRequirement(name = "bearer")
class PaperBallotController {

    private final PaperBallotService service;
    private final BallotScrub scrub;

    PaperBallotController(PaperBallotService service, BallotScrub scrub) {
        this.service = service;
        this.scrub = scrub;
    }

    @Post("/paper-ballots")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @Operation(summary = "Key in a paper ballot (staff of the election). 202 AWAITING_SECOND_KEYING until a "
            + "different staff member keys the same ballot, then 201 with the receipt; 409 PAPER_MISMATCH lists "
            + "differing keyings; code and ballot errors as for online ballots")
    HttpResponse<PaperKeying> key(@PathVariable long id, @Body @Valid PaperBallotRequest request,
                                  Authentication authentication) {
        PaperKeying keying = service.key(Caller.of(authentication), id, request);
        return HttpResponse.status(keying.receipt() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED).body(keying);
    }

    @Post("/paper-ballots/{entryId}/discard")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @io.micronaut.http.annotation.Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Discard one keying of a paper form (staff of the election; audited), e.g. a form keyed once "
            + "whose code was then used online")
    void discard(@PathVariable long id, @PathVariable String entryId, Authentication authentication) {
        service.discard(Caller.of(authentication), id, entryId);
    }

    @Get("/paper-ballots/mismatches")
    @Secured({Roles.ADMIN, Roles.ORGANISER, Roles.AUDITOR})
    @Operation(summary = "Paper forms that two staff members keyed differently")
    List<PaperMismatch> mismatches(@PathVariable long id, Authentication authentication) {
        return service.mismatches(Caller.of(authentication), id);
    }

    @Get("/ballot-counts")
    @Secured({Roles.ADMIN, Roles.ORGANISER, Roles.AUDITOR})
    @Operation(summary = "Ballots per channel (ONLINE, PAPER, total) and paper forms awaiting a second keying")
    Map<String, Long> counts(@PathVariable long id, Authentication authentication) {
        return service.counts(Caller.of(authentication), id);
    }

    @Post("/ballots/scrub")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @Operation(summary = "After the close: delete the retry receipts and rewrite the code and ballot rows so the "
            + "database no longer shows which transaction cast which ballot (409 ELECTION_NOT_CLOSED before)")
    ScrubResult scrub(@PathVariable long id, Authentication authentication) {
        return scrub.scrub(Caller.of(authentication), id);
    }
}
