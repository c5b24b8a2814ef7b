package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The {@code code_batch} table: who issued how many codes under which label, for which district; never the
 * codes. A batch asked for while voting is open is {@code pending} (no codes exist) until a second staff member
 * approves it ({@code approvedBy}).
 */
@MappedEntity("code_batch")
public record CodeBatchRow(@Id @GeneratedValue @Nullable Long id,
                           long electionId,
                           String label,
                           int codeCount,
                           boolean revoked,
                           String createdBy,
                           Instant createdAt,
                           @Nullable String district,
                           boolean whileOpen,
                           boolean pending,
                           @Nullable String approvedBy) {

    CodeBatchRow revoke() {
        return new CodeBatchRow(id, electionId, label, codeCount, true, createdBy, createdAt, district, whileOpen, pending,
                approvedBy);
    }

    CodeBatchRow approve(String approver) {
        return new CodeBatchRow(id, electionId, label, codeCount, revoked, createdBy, createdAt, district, whileOpen, false,
                approver);
    }
}
