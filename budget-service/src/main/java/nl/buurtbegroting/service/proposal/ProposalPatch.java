package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A change to a proposal of a DRAFT election; present fields replace stored ones. */
@Serdeable
public record ProposalPatch(
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
        @Nullable @Size(max = 4000) String summary,
        @Nullable @Positive @Max(1_000_000_000_000L) Long cost,
        @Nullable @Size(min = 1, max = 100) String category,
        @Nullable Verdict verdict,
        @Nullable @Size(max = 1000) String publicReason) {
}
