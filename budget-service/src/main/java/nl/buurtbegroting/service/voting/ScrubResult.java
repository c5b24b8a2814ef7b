package nl.buurtbegroting.service.voting;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a scrub did.
 *
 * @param receiptsDeleted  sealed retry receipts deleted
 * @param codesRewritten   used code rows rewritten
 * @param ballotsRewritten ballot rows rewritten
 * @param reordered        whether the tables were rewritten in primary-key order (PostgreSQL)
 */
@Serdeable
public record ScrubResult(int receiptsDeleted, int codesRewritten, int ballotsRewritten, boolean reordered) {
}
