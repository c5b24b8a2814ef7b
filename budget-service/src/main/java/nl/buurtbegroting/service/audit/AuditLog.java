package nl.buurtbegroting.service.audit;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Writes audit events; called inside the transaction of the change it records, so both land or neither. */
@Singleton
public class AuditLog {

    /** The actor of changes made by the service itself (bootstrap, demo). */
    public static final String SYSTEM = "system";

    private static final int MAX_DETAIL = 2000;

    private final AuditRepository repository;
    private final Clock clock;

    public AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public AuditEntry record(String actor, String action, @Nullable Long electionId, @Nullable String subject,
                             @Nullable String detail) {
        return repository.save(new AuditEntry(null, Instant.now(clock), actor, action, electionId, subject, trimmed(detail)));
    }

    /** What one of several entries of the same action says: its subject and detail. */
    public record Entry(@Nullable String subject, @Nullable String detail) {
    }

    /** Several entries of one action at one moment, written as one batch (an import of thousands of proposals). */
    public void recordAll(String actor, String action, @Nullable Long electionId, List<Entry> entries) {
        Instant now = Instant.now(clock);
        repository.saveAll(entries.stream()
                .map(e -> new AuditEntry(null, now, actor, action, electionId, e.subject(), trimmed(e.detail()))).toList());
    }

    private static @Nullable String trimmed(@Nullable String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail
                : detail.substring(0, Character.isHighSurrogate(detail.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL);
    }
}
