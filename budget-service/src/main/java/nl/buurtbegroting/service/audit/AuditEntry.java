package nl.buurtbegroting.service.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One change, as stored in the append-only audit log: who did what, when, to which election.
 * {@code detail} is a short human-readable description; it never contains a password, token or secret.
 */
@Serdeable
@Schema(name = "AuditEvent") // the OpenAPI name stays the one clients know
@MappedEntity("audit_event")
public record AuditEntry(@Id @GeneratedValue @Nullable Long id,
                         Instant occurredAt,
                         String actor,
                         String action,
                         @Nullable Long electionId,
                         @Nullable String subject,
                         @Nullable String detail) {
}
