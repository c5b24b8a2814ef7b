package nl.buurtbegroting.service.voting;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One paper form that staff members keyed differently: every keying of it. */
@Serdeable
public record PaperMismatch(List<PaperEntryView> entries) {
}
