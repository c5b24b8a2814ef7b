package nl.buurtbegroting.service.publication;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Publication of a ratified result.
 *
 * @param councilDecision the reference of the council decision that ratified the outcome (for example
 *                        {@code "Raadsbesluit 2026-114"}); published in the result and the bundle's manifest
 */
@Serdeable
public record PublishRequest(@NotBlank @Size(max = 200) String councilDecision) {
}
