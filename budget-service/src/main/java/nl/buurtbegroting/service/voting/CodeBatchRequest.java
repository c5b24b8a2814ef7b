package nl.buurtbegroting.service.voting;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A batch of codes to issue.
 *
 * @param count how many codes, 1 to 200,000
 * @param label what the batch is for, such as a district or "paper"; printed in the CSV
 */
@Serdeable
public record CodeBatchRequest(@Positive @Max(CodeBatchService.MAX_COUNT) int count,
                               @NotBlank @Size(max = 100) String label) {
}
