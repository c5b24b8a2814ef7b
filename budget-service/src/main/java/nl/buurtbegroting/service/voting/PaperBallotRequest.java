package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A paper ballot as one staff member keys it in: the code printed on the form and the choices on it.
 *
 * @param code     the code on the form
 * @param projects the proposals marked on the form
 * @param points   for a cumulative ballot, the points per marked proposal
 */
@Serdeable
public record PaperBallotRequest(@NotNull @Size(max = 64) String code,
                                 @NotNull @Size(max = 1000) List<@NotNull @Size(max = 64) String> projects,
                                 @Nullable @Size(max = 1000) List<@NotNull Long> points) {
}
