package nl.buurtbegroting.service.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.security.Role;

@Controller("/api/bootstrap")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "accounts")
class BootstrapController {

    private final AdminBootstrap bootstrap;

    BootstrapController(AdminBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Serdeable
    record BootstrapRequest(@NotBlank @Size(max = 100) String token,
                            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String username,
                            @NotNull @Size(min = 12, max = 128) String password) {
        @Override
        public String toString() {
            return "BootstrapRequest[" + username + "]";
        }
    }

    @Serdeable
    record BootstrapResult(String username, String role) {
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create the first admin with the one-time token printed at startup")
    BootstrapResult bootstrap(@Body @Valid BootstrapRequest request) {
        // Checked before the one-time token is spent, so a refused password does not cost the token.
        AccountService.requireStrong(request.username(), request.password());
        if (!bootstrap.redeem(request.token(), request.username(), request.password().toCharArray())) {
            throw ApiProblem.of(ProblemCode.BOOTSTRAP_REFUSED,
                    "The bootstrap token is wrong, already used, or an admin exists already.");
        }
        return new BootstrapResult(request.username(), Role.ADMIN.name());
    }
}
