package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Who may vote: a minimum age (Assen 2024: 12) and the districts whose residents vote (empty: all). The service
 * cannot know a resident's age: it is applied when the letters with the codes are addressed, and the election and
 * its bundle say so. Districts are applied to code batches: each batch names one of these districts.
 */
@Serdeable
@Schema(name = "VoterEligibility") // the OpenAPI name stays the one clients know
public record VoterSettings(@Nullable @PositiveOrZero @Max(150) Integer minimumAge,
                               @Nullable @Size(max = 200) List<@NotBlank @Size(max = 100) String> districts) {

    public VoterSettings {
        districts = districts == null ? List.of() : List.copyOf(districts);
    }

    public static VoterSettings everyone() {
        return new VoterSettings(null, List.of());
    }
}
