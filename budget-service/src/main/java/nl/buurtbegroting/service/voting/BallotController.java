package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.security.ClientAddressResolver;

import java.util.List;

@Controller("/api/elections/{id}/ballots")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "voting")
class BallotController {

    private final BallotService service;
    private final ClientAddressResolver addresses;

    BallotController(BallotService service, ClientAddressResolver addresses) {
        this.service = service;
        this.addresses = addresses;
    }

    @Post
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Cast a ballot with a one-time code (no account). 201 receipt; a retry with the same "
            + "submissionId returns the original receipt. 409 CODE_ALREADY_USED, 409 ELECTION_NOT_OPEN, "
            + "422 CODE_MALFORMED, CODE_TYPO, UNKNOWN_CODE, INVALID_BALLOT; 429 TOO_MANY_FAILED_CODES")
    HttpResponse<ReceiptView> cast(@PathVariable long id, @Body BallotRequest request, HttpRequest<?> http) {
        // Checked by hand, not with @Valid: see BallotRequest.violations.
        List<Violation> violations = request.violations();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        BallotStore.Cast cast = service.castOnline(id, request, addresses.addressOf(http));
        MutableHttpResponse<ReceiptView> response = HttpResponse.created(cast.receipt());
        return cast.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }
}
