package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The tie-breaking policy. {@code order} (proposal codes, first wins) is used with GIVEN only, {@code seed}
 * with RANDOM only.
 */
@Serdeable
@Schema(name = "TieBreaking") // the OpenAPI name stays the one clients know
public record TieBreakingSettings(@NotNull TiePolicy policy,
                          @Nullable @Size(max = 1000) List<@NotBlank @Size(max = 64) String> order,
                          @Nullable Long seed) {

    public TieBreakingSettings {
        order = order == null ? List.of() : List.copyOf(order);
    }

    public static TieBreakingSettings byId() {
        return new TieBreakingSettings(TiePolicy.ID, List.of(), null);
    }
}
