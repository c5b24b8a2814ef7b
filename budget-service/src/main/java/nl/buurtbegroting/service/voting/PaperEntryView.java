package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One staff member's keying of a paper form: who, and the ballot in canonical form. The ballot is shown to its own
 * keyer, to auditors and to admins only; to another keyer it is {@code null}, so a second keying is never copied
 * from the first.
 */
@Serdeable
public record PaperEntryView(String entryId, String enteredBy, @Nullable String ballot) {

    PaperEntryView redacted() {
        return new PaperEntryView(entryId, enteredBy, null);
    }
}
