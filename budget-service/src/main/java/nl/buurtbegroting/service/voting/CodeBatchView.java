package nl.buurtbegroting.service.voting;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A code batch as staff see it: never its codes. {@code used} counts the codes that cast a ballot. */
@Serdeable
public record CodeBatchView(long id, long electionId, String label, int count, long used, boolean revoked,
                            String createdBy, Instant createdAt) {
}
