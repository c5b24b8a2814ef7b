package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** What the public list shows of an election: what residents need to find it, nothing about its staff. */
@Serdeable
public record ElectionSummary(long id, String name, String neighbourhood, long budget, String currency,
                              ElectionState state, @Nullable Instant votingOpens, @Nullable Instant votingCloses) {
}
