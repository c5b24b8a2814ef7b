package nl.buurtbegroting.service.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One change, as stored in the append-only audit log: who did what, when, to which election.
 * {@code detail} is a short human-readable description; it never contains a password, token or secret.
 */
@Serdeable
@MappedEntity("audit_event")
public record AuditEvent(@Id @GeneratedValue @Nullable Long id,
                         Instant occurredAt,
                         String actor,
                         String action,
                         @Nullable Long electionId,
                         @Nullable String subject,
                         @Nullable String detail) {
}
