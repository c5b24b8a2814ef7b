package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A ballot as a resident's client sends it.
 *
 * @param code         the voting code as typed (case, spaces and hyphens do not matter)
 * @param projects     the chosen proposals by their code
 * @param points       for a cumulative ballot, the points for each chosen proposal, position by position
 * @param submissionId a random id the client makes once per ballot and sends again on a retry, so a lost
 *                     response can be recovered; 16 to 64 characters of {@code [A-Za-z0-9_-]}
 */
@Serdeable
public record BallotRequest(@NotNull @Size(max = 64) String code,
                            @NotNull @Size(max = 1000) List<@NotNull @Size(max = 64) String> projects,
                            @Nullable @Size(max = 1000) List<@NotNull Long> points,
                            @NotBlank @Size(min = 16, max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") String submissionId) {
}
