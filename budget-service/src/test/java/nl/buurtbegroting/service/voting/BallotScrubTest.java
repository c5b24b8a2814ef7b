package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
class BallotScrubTest extends ApiTestBase {

    @Inject
    DataSource dataSource;

    @Test
    void afterTheCloseNoRowRemembersTheTransactionThatCastIt() throws Exception {
        long election = Voting.draft(api, admin, "Scrub");
        List<String> codes = Voting.issue(api, admin, election, 6, "brief");
        Voting.open(api, admin, election);
        String sid = Voting.submissionId();
        for (int i = 0; i < 5; i++) {
            api.post("/api/elections/" + election + "/ballots", Voting.ballot(codes.get(i), List.of("a"), i == 0 ? sid : Voting.submissionId()), null).ok(201);
        }
        String scrub = "/api/elections/" + election + "/ballots/scrub";
        api.post(scrub, null, admin).problem(409, "ELECTION_NOT_CLOSED");
        boolean postgres = isPostgres();
        if (postgres) {
            assertEquals(5, sharedTransactions(election), "before: each used code shares its transaction with a ballot");
        }
        api.post("/api/elections/" + election + "/close", null, admin).ok(200);

        Map<String, Object> result = api.post(scrub, null, admin).ok(200).map();
        assertEquals(Map.of("receiptsDeleted", 5, "codesRewritten", 5, "ballotsRewritten", 5, "reordered", postgres), result);
        if (postgres) {
            assertEquals(0, sharedTransactions(election), "after: no code row shares a transaction with a ballot row");
        }
        api.post("/api/elections/" + election + "/ballots", Voting.ballot(codes.get(0), List.of("a"), sid), null)
                .problem(409, "ELECTION_NOT_OPEN");
        assertEquals(5L, ((Number) api.get("/api/elections/" + election + "/ballot-counts", admin).ok(200).get("total")).longValue());
    }

    private boolean isPostgres() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** Ballots whose row was written by the same transaction as a used code row (PostgreSQL's xmin). */
    private int sharedTransactions(long election) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            Set<String> codeXmins = xmins(c, "SELECT xmin::text FROM voting_code WHERE election_id = ? AND used", election);
            Set<String> ballotXmins = xmins(c, "SELECT xmin::text FROM ballot WHERE election_id = ?", election);
            assertFalse(ballotXmins.isEmpty());
            Set<String> shared = new HashSet<>(codeXmins);
            shared.retainAll(ballotXmins);
            assertTrue(ballotXmins.size() == 5 || ballotXmins.size() == 1, "xmins " + ballotXmins);
            return shared.size();
        }
    }

    private static Set<String> xmins(Connection c, String sql, long election) throws Exception {
        Set<String> out = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, election);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
