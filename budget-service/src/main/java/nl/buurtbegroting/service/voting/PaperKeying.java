package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer to one keying of a paper ballot.
 *
 * @param status  AWAITING_SECOND_KEYING (stored, a different staff member must key it too) or CAST
 * @param entries the keyings so far (AWAITING_SECOND_KEYING)
 * @param receipt the receipt (CAST)
 */
@Serdeable
public record PaperKeying(String status, List<PaperEntryView> entries, @Nullable ReceiptView receipt) {
}
