package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import nl.buurtbegroting.service.security.Roles;

import java.net.URI;
import java.util.List;

@Controller("/api/elections")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "elections")
class ElectionController {

    private final ElectionService service;
    private final VotingSchedule schedule;

    ElectionController(ElectionService service, VotingSchedule schedule) {
        this.service = service;
        this.schedule = schedule;
    }

    @Post
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a draft election (admin, organiser; an organiser becomes its organiser)")
    HttpResponse<ElectionView> create(@Body @Valid ElectionRequest request, Authentication authentication) {
        ElectionView created = service.create(Caller.of(authentication), request);
        return HttpResponse.created(created, URI.create("/api/elections/" + created.id()));
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Public list: elections past DRAFT; staff also see the drafts they may read")
    List<ElectionSummary> list(@Nullable Authentication authentication) {
        return service.list(Caller.of(authentication));
    }

    @Get("/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "An election's configuration (a DRAFT only for its staff)")
    ElectionView get(@PathVariable long id, @Nullable Authentication authentication) {
        return service.get(Caller.of(authentication), id);
    }

    @Patch("/{id}")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change a DRAFT election; present fields replace stored ones")
    ElectionView update(@PathVariable long id, @Body @Valid ElectionPatch patch, Authentication authentication) {
        return service.update(Caller.of(authentication), id, patch);
    }

    @Post("/{id}/open")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "DRAFT -> OPEN, after checking the election is complete (409 ELECTION_INCOMPLETE lists what is missing)")
    ElectionView open(@PathVariable long id, Authentication authentication) {
        return service.open(Caller.of(authentication), id);
    }

    @Post("/{id}/extend")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Move the end of voting of an OPEN election later (audited, in the bundle's events)")
    ElectionView extend(@PathVariable long id, @Body @Valid ExtendRequest request, Authentication authentication) {
        return service.extend(Caller.of(authentication), id, request.votingCloses());
    }

    @Post("/{id}/schedule")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Move the voting times of an OPEN election: before voting starts both may move either way; "
            + "after, only the end, and only later (400 VALIDATION_FAILED: VOTING_STARTED, NOT_LATER, NOT_AFTER_NOW, "
            + "WINDOW_INVALID, NOTHING_TO_CHANGE; 409 ELECTION_NOT_OPEN); audited, in the bundle's events")
    ElectionView schedule(@PathVariable long id, @Body @Valid ScheduleRequest request, Authentication authentication) {
        return schedule.reschedule(Caller.of(authentication), id, request);
    }

    @Post("/{id}/close")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "OPEN -> CLOSED: no more ballots")
    ElectionView close(@PathVariable long id, Authentication authentication) {
        return service.close(Caller.of(authentication), id);
    }
}
