package nl.buurtbegroting.service.publication;

import nl.buurtbegroting.core.audit.AuditEvent;

import nl.buurtbegroting.service.problem.TextCheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An election's lifecycle as the audit bundle publishes it ({@code events.json}), derived from the
 * append-only audit log: created, code batches issued and revoked, opened, closed, ballot rows scrubbed,
 * tallied, published.
 * Each event names the acting account's role, never the account; its data holds counts and labels, never
 * a code, a name or a secret. Events are in the order they happened (time, then log order), numbered from 1.
 */
final class LifecycleEvents {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("ELECTION_CREATED", "created"),
            Map.entry("ELECTION_IMPORTED", "created"),
            Map.entry("CODE_BATCH_ISSUED", "codes-issued"),
            Map.entry("CODE_BATCH_REVOKED", "codes-revoked"),
            Map.entry("ELECTION_OPEN", "opened"),
            Map.entry("VOTING_EXTENDED", "voting-extended"),
            Map.entry("VOTING_RESCHEDULED", "voting-rescheduled"),
            Map.entry("ELECTION_CLOSED", "closed"),
            Map.entry("BALLOTS_SCRUBBED", "ballots-scrubbed"),
            Map.entry("ELECTION_TALLIED", "tallied"),
            Map.entry("ELECTION_PUBLISHED", "published"));

    private LifecycleEvents() {
    }

    /**
     * The events of an election, read inside the caller's transaction (so the PUBLISHED entry written in it
     * is included).
     *
     * @param published facts to record with the "published" event (the council decision)
     * @param tallied   facts to record with the "tallied" event (rule, number of ballots)
     */
    static List<AuditEvent> of(Connection c, long electionId, Map<String, Object> tallied,
                               Map<String, Object> published) throws SQLException {
        Map<Long, Map<String, Object>> batches = batches(c, electionId);
        String in = String.join(",", TYPES.keySet().stream().map(t -> "'" + t + "'").sorted().toList());
        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT e.occurred_at, e.actor, e.action, e.subject, a.role "
                + "FROM audit_event e LEFT JOIN account a ON a.username = e.actor "
                + "WHERE e.election_id = ? AND e.action IN (" + in + ") ORDER BY e.occurred_at, e.id")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String action = r.getString(3);
                    Map<String, Object> data = new LinkedHashMap<>();
                    switch (action) {
                        case "ELECTION_CREATED" -> data.put("source", "api");
                        case "ELECTION_IMPORTED" -> data.put("source", "pabulib");
                        case "ELECTION_OPEN" -> data.putAll(eligibility(c, electionId));
                        case "CODE_BATCH_ISSUED", "CODE_BATCH_REVOKED" -> data.putAll(batch(batches, r.getString(4)));
                        case "VOTING_EXTENDED" -> data.put("votingCloses", r.getString(4));
                        case "VOTING_RESCHEDULED" -> rescheduled(data, r.getString(4));
                        case "ELECTION_TALLIED" -> data.putAll(tallied);
                        case "ELECTION_PUBLISHED" -> data.putAll(published);
                        default -> {
                        }
                    }
                    events.add(new AuditEvent(events.size() + 1, TYPES.get(action),
                            r.getTimestamp(1).toInstant().toString(), role(r.getString(2), r.getString(5)), data));
                }
            }
        }
        return events;
    }

    /** The times a reschedule set ("opens closes" in the audit subject; "null" where there is none). */
    private static void rescheduled(Map<String, Object> data, String subject) {
        String[] times = subject.split(" ");
        if (times.length == 2) {
            if (!times[0].equals("null")) {
                data.put("votingOpens", times[0]);
            }
            if (!times[1].equals("null")) {
                data.put("votingCloses", times[1]);
            }
        }
    }

    /** What the election requires of voters and where that is applied, for the "opened" event. */
    private static Map<String, Object> eligibility(Connection c, long electionId) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT minimum_age FROM election WHERE id = ?")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getObject(1) != null) {
                    m.put("minimumAge", r.getLong(1));
                    m.put("ageChecked", nl.buurtbegroting.service.election.ElectionView.AGE_CHECKED);
                }
            }
        }
        return m;
    }

    /** The role that acted: the account's role in lower case, {@code system} for the service itself. */
    static String role(String actor, String accountRole) {
        if (accountRole != null) {
            return accountRole.toLowerCase(Locale.ROOT);
        }
        return "system".equals(actor) ? "system" : "staff";
    }

    private static Map<String, Object> batch(Map<Long, Map<String, Object>> batches, String subject) {
        if (subject != null && subject.startsWith("batch ")) {
            try {
                Map<String, Object> b = batches.get(Long.parseLong(subject.substring(6).strip()));
                if (b != null) {
                    return b;
                }
            } catch (NumberFormatException ignored) {
                // Not a subject the voting package writes; the event then carries no batch facts.
            }
        }
        return Map.of();
    }

    /**
     * Each batch's facts for its events: label, number of codes, district, whether it was issued while voting was
     * open and, if so, the role of the second staff member who approved it (never a name).
     */
    private static Map<Long, Map<String, Object>> batches(Connection c, long electionId) throws SQLException {
        Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT b.id, b.label, b.code_count, b.district, b.while_open, b.approved_by, a.role FROM code_batch b "
                        + "LEFT JOIN account a ON a.username = b.approved_by WHERE b.election_id = ? AND b.pending = FALSE")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("label", TextCheck.publishable(r.getString(2)));
                    m.put("codes", r.getLong(3));
                    if (r.getString(4) != null) {
                        m.put("district", TextCheck.publishable(r.getString(4)));
                    }
                    m.put("whileOpen", r.getBoolean(5));
                    if (r.getBoolean(5) && r.getString(6) != null) {
                        m.put("approvedBy", role(r.getString(6), r.getString(7)));
                    }
                    out.put(r.getLong(1), m);
                }
            }
        }
        return out;
    }
}
