package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A proposal as the API shows it, to residents and staff alike. */
@Serdeable
public record ProposalView(long id, long electionId, String code, String title, String summary, long cost,
                           @Nullable String category, Verdict verdict, @Nullable String publicReason,
                           Instant createdAt, Instant updatedAt) {

    static ProposalView of(ProposalRow row) {
        return new ProposalView(row.id(), row.electionId(), row.code(), row.title(), row.summary(), row.cost(),
                row.category(), row.verdict(), row.publicReason(), row.createdAt(), row.updatedAt());
    }
}
