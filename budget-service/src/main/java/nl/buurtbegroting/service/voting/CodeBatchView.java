package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A code batch as staff see it: never its codes. {@code used} counts the codes that cast a ballot;
 * {@code awaitingApproval} is true for a batch asked for while voting is open until a second staff member
 * approves it, {@code approvedBy} names who did.
 */
@Serdeable
public record CodeBatchView(long id, long electionId, String label, int count, long used, boolean revoked,
                            String createdBy, Instant createdAt, @Nullable String district, boolean issuedWhileOpen,
                            boolean awaitingApproval, @Nullable String approvedBy) {
}
