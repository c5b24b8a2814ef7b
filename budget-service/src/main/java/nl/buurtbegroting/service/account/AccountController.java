package nl.buurtbegroting.service.account;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;
import nl.buurtbegroting.service.security.AccountSessions;
import nl.buurtbegroting.service.security.Roles;

@Controller("/api/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
@SecurityRequirement(name = "bearer")
class AccountController {

    private final AccountService service;

    private final AccountSessions sessions;

    AccountController(AccountService service, AccountSessions sessions) {
        this.service = service;
        this.sessions = sessions;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Create a staff account (admin only)")
    AccountView create(@Body @Valid AccountRequest request, Authentication authentication) {
        return service.create(authentication.getName(), request);
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "List staff accounts (admin, auditor)")
    List<AccountView> list() {
        return service.list();
    }

    @Post("/me/sign-out")
    @Secured(io.micronaut.security.rules.SecurityRule.IS_AUTHENTICATED)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out: every token this account was given until now stops working")
    void signOut(Authentication authentication) {
        sessions.signOut(authentication.getName());
    }

    @Post("/{username}/disable")
    @Secured(Roles.ADMIN)
    @Operation(summary = "Disable an account (admin only): it cannot log in and its tokens stop working at once")
    AccountView disable(@PathVariable String username, Authentication authentication) {
        return service.disable(authentication.getName(), username);
    }

    @Post("/{username}/elections/{electionId}")
    @Secured(Roles.ADMIN)
    @Operation(summary = "Let an organiser change one more election (admin only)")
    HttpResponse<AccountView> grant(@PathVariable String username, @PathVariable long electionId,
                                    Authentication authentication) {
        return HttpResponse.ok(service.grantElection(authentication.getName(), username, electionId));
    }
}
