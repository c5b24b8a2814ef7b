package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The {@code proposal} table. {@code code} is the proposal's id within its election as residents and
 * Pabulib files know it ("3", "P-12"); {@code id} is the database key.
 * {@code listPosition} orders the proposals on every list (the organiser chooses it); ties fall back to the id.
 */
@MappedEntity("proposal")
public record ProposalRow(@Id @GeneratedValue @Nullable Long id,
                          long electionId,
                          String code,
                          String title,
                          String summary,
                          long cost,
                          @Nullable String category,
                          Verdict verdict,
                          @Nullable String publicReason,
                          Instant createdAt,
                          Instant updatedAt,
                          int listPosition) {
}
