package nl.buurtbegroting.service.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.security.Roles;

import java.util.List;

@Controller("/api/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR})
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
class AuditController {

    private final AuditRepository repository;

    AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    /** Events a page holds when the caller names no {@code limit}, and the most it may name. */
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    /**
     * A page of the log, oldest first: at most {@code limit} events after the event {@code after}. The whole log came
     * back in one answer before, which grows with every proposal of every election (a 5,000-proposal import adds
     * 5,000 events); a client reads on with {@code after} set to the last id it got, until a page is short.
     */
    @Get
    @Operation(summary = "The audit log, oldest first, a page at a time: filter by election, read on after the last event id")
    List<AuditEntry> list(@QueryValue @Nullable Long electionId, @QueryValue @Nullable Long after,
                          @QueryValue @Nullable Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "NUMBER_OUT_OF_RANGE", "'limit' must be from 1 to " + MAX_LIMIT + "; it is " + n + ".");
        }
        if (electionId != null && electionId < 1) {
            throw ApiProblem.invalid("electionId", "NUMBER_OUT_OF_RANGE", "'electionId' is an election's id, from 1 on; it is "
                    + electionId + ".");
        }
        if (after != null && after < 0) {
            throw ApiProblem.invalid("after", "NUMBER_OUT_OF_RANGE", "'after' is the id of the last event read, 0 or more; it is "
                    + after + ".");
        }
        long from = after == null ? 0 : after;
        return electionId != null ? repository.readOn(electionId, from, n) : repository.readOn(from, n);
    }
}
