package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * New voting times for an OPEN election; a time left out stays as it is ({@link VotingSchedule} says what may move).
 *
 * @param votingOpens  when online voting starts; a time already past means "now"
 * @param votingCloses when voting ends
 */
@Serdeable
public record ScheduleRequest(@Nullable Instant votingOpens, @Nullable Instant votingCloses) {
}
