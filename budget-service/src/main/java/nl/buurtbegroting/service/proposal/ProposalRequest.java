package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A new proposal.
 *
 * @param code         its id within the election (letters, digits, dot, dash, underscore); the next free
 *                     number when absent
 * @param title        what residents see first
 * @param summary      a short description
 * @param cost         whole units of the election's currency, above 0
 * @param category     one of the election's categories, if any
 * @param verdict      PENDING when absent
 * @param publicReason why it is not admitted; required with INELIGIBLE
 */
@Serdeable
public record ProposalRequest(
        @Nullable @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String code,
        @NotBlank @Size(max = 200) String title,
        @Nullable @Size(max = 4000) String summary,
        @NotNull @Positive @Max(1_000_000_000_000L) Long cost,
        @Nullable @Size(min = 1, max = 100) String category,
        @Nullable Verdict verdict,
        @Nullable @Size(max = 1000) String publicReason) {
}
