package nl.buurtbegroting.service.election;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * A later end of voting for an OPEN election: after the current {@code votingCloses} and after now. Recorded
 * in the audit log and in the bundle's events ({@code voting-extended}).
 */
@Serdeable
public record ExtendRequest(@NotNull Instant votingCloses) {
}
