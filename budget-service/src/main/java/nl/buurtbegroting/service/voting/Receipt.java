package nl.buurtbegroting.service.voting;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * What a voter keeps: a random id and the commitment of the stored ballot ({@code ballotHash}, hex), with
 * the channel and the day only. Nothing in it shows the position of the ballot in the order of casting.
 *
 * @param receiptId  128 random bits, hex; stored nowhere in readable form
 * @param ballotHash the commitment the published ballot list will contain
 * @param electionId the election
 * @param channel    ONLINE or PAPER
 * @param castOn     the day the ballot was stored
 */
@Serdeable
public record Receipt(String receiptId, String ballotHash, long electionId, Channel channel, LocalDate castOn) {
}
