package nl.buurtbegroting.service.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import nl.buurtbegroting.service.security.Role;

/**
 * A new staff account.
 *
 * @param username  letters, digits, dot, dash and underscore
 * @param password  12 to 128 characters; stored only as a salted hash
 * @param role      ADMIN, ORGANISER or AUDITOR
 * @param elections for an organiser: the ids of the elections they may change
 */
@Serdeable
public record AccountRequest(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String username,
        @NotNull @Size(min = 12, max = 128) String password,
        @NotNull Role role,
        @Nullable @Size(max = 1000) List<@NotNull Long> elections) {

    @Override
    public String toString() {
        return "AccountRequest[" + username + ", " + role + "]";
    }
}
