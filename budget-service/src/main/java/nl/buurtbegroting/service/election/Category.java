package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A category of proposals (for example "groen" or "jongeren") with an optional cap: the most money
 * that may go to its proposals together, in the election's currency unit.
 */
@Serdeable
public record Category(@NotBlank @Size(max = 100) String name,
                       @Nullable @PositiveOrZero @Max(Limits.MAX_AMOUNT) Long cap) {
}
