package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A batch of codes to issue.
 *
 * @param count    how many codes, 1 to 200,000
 * @param label    what the batch is for, such as "brieven" or "paper"; printed in the CSV
 * @param district the district whose residents get these codes: required, and one of the election's
 *                 {@code eligibility.districts}, when the election lists districts; absent otherwise
 */
@Serdeable
public record CodeBatchRequest(@Positive @Max(value = CodeBatchService.MAX_COUNT,
        message = "must be at most 200000 codes a batch; issue several batches for more") int count,
                               @NotBlank @Size(max = 100) String label,
                               @Nullable @Size(min = 1, max = 100) String district) {
}
