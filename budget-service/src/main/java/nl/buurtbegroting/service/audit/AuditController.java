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

    @Get
    @Operation(summary = "The audit log, oldest first; filter by election or read on after a known event id")
    List<AuditEntry> list(@QueryValue @Nullable Long electionId, @QueryValue @Nullable Long after) {
        if (electionId != null) {
            return repository.findByElectionIdOrderById(electionId);
        }
        return repository.findByIdGreaterThanOrderById(after == null ? 0 : after);
    }
}
