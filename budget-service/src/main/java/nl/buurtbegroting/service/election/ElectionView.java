package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** An election's full configuration and state, as {@code GET /api/elections/{id}} returns it. */
@Serdeable
public record ElectionView(long id, String name, String neighbourhood, long budget, String currency,
                           List<Category> categories, BallotSettings ballot, String rule, TieBreaking tieBreaking,
                           VoterEligibility eligibility, @Nullable Instant votingOpens, @Nullable Instant votingCloses,
                           ElectionState state, Instant createdAt, Instant updatedAt) {
}
