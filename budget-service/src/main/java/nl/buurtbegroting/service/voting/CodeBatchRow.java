package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The {@code code_batch} table: who issued how many codes under which label; never the codes. */
@MappedEntity("code_batch")
public record CodeBatchRow(@Id @GeneratedValue @Nullable Long id,
                           long electionId,
                           String label,
                           int codeCount,
                           boolean revoked,
                           String createdBy,
                           Instant createdAt) {

    CodeBatchRow revoke() {
        return new CodeBatchRow(id, electionId, label, codeCount, true, createdBy, createdAt);
    }
}
