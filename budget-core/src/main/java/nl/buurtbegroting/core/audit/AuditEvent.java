package nl.buurtbegroting.core.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step in an election's life (created, opened, codes issued, closed, tallied, published...), as the
 * bundle publishes it: a sequence number from 1, a type, when (a date {@code 2026-03-31} or a UTC
 * timestamp {@code 2026-03-31T09:00:00Z}), the role that acted (never a name) and facts as JSON data.
 * Chained by {@link #hash(Digest)}: each event commits to the one before it.
 */
public record AuditEvent(long seq, String type, String at, String actorRole, Map<String, Object> data) {

    /** The {@code prev} of the first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actorRole, "actorRole");
        if (type.isBlank() || actorRole.isBlank()) {
            throw new IllegalArgumentException("an event needs a type and an actor role");
        }
        if (!isTime(at)) {
            throw new IllegalArgumentException("event time '" + at + "' is neither a date (2026-03-31) nor a UTC"
                    + " timestamp (2026-03-31T09:00:00Z)");
        }
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        CanonicalJson.write(data);
    }

    static boolean isTime(String at) {
        if (at == null || at.length() < 10 || at.charAt(4) != '-'
                || !at.substring(0, 4).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false; // four-digit years only (docs/verification.md §2.5), also where Instant prints "+10000"
        }
        try {
            if (at.length() == 10) {
                return LocalDate.parse(at).toString().equals(at);
            }
            return at.endsWith("Z") && Instant.parse(at).toString().equals(at);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The event as published, without its own hash. */
    Map<String, Object> toJson(String prev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("type", type);
        m.put("at", at);
        m.put("actorRole", actorRole);
        m.put("data", data);
        m.put("prev", prev);
        return m;
    }

    /**
     * This event's hash given the previous event's hash (or {@link #GENESIS}): SHA-256 of the canonical
     * JSON of {@code {actorRole, at, data, prev, seq, type}}. The service may store it as it logs.
     */
    public Digest hash(String prev) {
        return Digest.sha256(CanonicalJson.write(toJson(prev)));
    }
}
