package nl.buurtbegroting.service.voting;

import io.micronaut.serde.annotation.Serdeable;

/** One staff member's keying of a paper form: who, and the ballot in canonical form. */
@Serdeable
public record PaperEntryView(String entryId, String enteredBy, String ballot) {
}
