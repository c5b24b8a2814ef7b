package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The ballot format and its limits; absent limits are {@code null}.
 *
 * @param format      APPROVAL, CHOOSE_ONE, CUMULATIVE or KNAPSACK
 * @param minProjects fewest proposals a ballot must name
 * @param maxProjects most proposals a ballot may name
 * @param maxPoints   points a voter distributes (CUMULATIVE only, required there)
 * @param maxCost     highest total cost of the chosen proposals (KNAPSACK: the budget when absent)
 */
@Serdeable
public record BallotSettings(@NotNull BallotFormat format,
                             @Nullable @PositiveOrZero @Max(Limits.MAX_PROJECTS_PER_BALLOT) Integer minProjects,
                             @Nullable @Positive @Max(Limits.MAX_PROJECTS_PER_BALLOT) Integer maxProjects,
                             @Nullable @Positive @Max(1_000_000) Long maxPoints,
                             @Nullable @Positive @Max(Limits.MAX_AMOUNT) Long maxCost) {

    public static BallotSettings approval() {
        return new BallotSettings(BallotFormat.APPROVAL, null, null, null, null);
    }
}
