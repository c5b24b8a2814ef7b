package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * An election's full configuration and state, as {@code GET /api/elections/{id}} returns it. {@code ageChecked}
 * says where the minimum age is applied, since the service cannot check it: when the letters with the codes were
 * addressed ({@value #AGE_CHECKED}); absent without a minimum age.
 */
@Serdeable
public record ElectionView(long id, String name, String neighbourhood, long budget, String currency,
                           List<Category> categories, BallotSettings ballot, String rule, TieBreakingSettings tieBreaking,
                           VoterSettings eligibility, @Nullable Instant votingOpens, @Nullable Instant votingCloses,
                           List<List<String>> incompatibleGroups,
                           ElectionState state, Instant createdAt, Instant updatedAt, @Nullable String ageChecked) {

    public static final String AGE_CHECKED = "when the letters with the voting codes were addressed";
}
