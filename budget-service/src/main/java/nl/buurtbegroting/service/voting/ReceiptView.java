package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.buurtbegroting.service.signing.ReceiptFile;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a voter keeps: a random id and the commitment of the stored ballot ({@code ballotHash}, hex), with
 * the channel and the day only. Nothing in it shows the position of the ballot in the order of casting.
 *
 * @param receiptId  128 random bits, hex; stored nowhere in readable form
 * @param ballotHash the commitment the published ballot list will contain
 * @param electionId the election
 * @param channel    ONLINE or PAPER
 * @param castOn     the day the ballot was stored
 * @param signed     the receipt file of docs/verification.md §3, signed with the deployment's key: the ballot
 *                   with its nonce and {@code leafHash} = {@code ballotHash}; with the inclusion proof from
 *                   {@code GET /api/elections/{id}/receipts/{ballotHash}} after publication it verifies with
 *                   {@code budget verify --receipt}
 */
@Serdeable
@Schema(name = "Receipt") // the OpenAPI name stays the one clients know
// The signed receipt stays the bytes the signer wrote: ReceiptJsonWriter copies them into the answer as they are.
// Its schema is spelled out because the API describes it as the JSON object it is, not as this Java type.
public record ReceiptView(String receiptId, String ballotHash, long electionId, Channel channel, LocalDate castOn,
                          @Nullable @Schema(implementation = Map.class) ReceiptFile signed) {
}
