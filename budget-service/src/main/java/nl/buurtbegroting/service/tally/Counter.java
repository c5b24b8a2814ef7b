package nl.buurtbegroting.service.tally;

import jakarta.inject.Singleton;
import nl.buurtbegroting.core.audit.BallotCounts;
import nl.buurtbegroting.core.audit.BallotTree;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import nl.buurtbegroting.service.election.ElectionMapper;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.ballot.BallotRulesCache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts an election from what is stored: the instance the ballots were validated against (from
 * {@link BallotRulesCache}, with the category caps and the currency), the stored ballots in published form, and the election's rule with its tie-breaking. Ballots are counted
 * in the order of the bundle (ascending leaf hash), so the published outcome is recomputed from exactly
 * the published ballots. Cost: one run of the rule plus O(n log n) hashing.
 */
@Singleton
public class Counter {

    private final BallotRulesCache rules;
    private final ElectionMapper mapper;

    public Counter(BallotRulesCache rules, ElectionMapper mapper) {
        this.rules = rules;
        this.mapper = mapper;
    }

    /** Counts the election inside the caller's transaction (the election row should be locked or frozen). */
    public Count count(Connection c, ElectionRow row) throws SQLException {
        Instance instance = instance(row);
        BallotTree tree = BallotTree.of(StoredBallot.readAll(c, row.id()));
        RuleName rule = RuleName.parse(row.allocationRule());
        RuleOptions options = RuleOptions.withTieBreaking(TieBreaking.parse(tieBreakingSpec(row)));
        List<Ballot> model = new ArrayList<>(tree.size());
        for (CanonicalBallot b : tree.ballots()) {
            model.add(b.toBallot(instance.voteType()));
        }
        Outcome outcome = rule.create(options).allocate(new Election(instance, new Profile(model)));
        return new Count(row, instance, tree, rule, options, outcome, counts(c, row.id()));
    }

    /** The instance the ballots were validated against: it carries the category caps and the currency too. */
    Instance instance(ElectionRow row) {
        return rules.of(row.id()).orElseThrow().instance();
    }

    /** The policy as budget-core's {@link TieBreaking#parse(String)} reads it. */
    String tieBreakingSpec(ElectionRow row) {
        return switch (row.tiePolicy()) {
            case ID -> "id";
            case GIVEN -> "given:" + String.join(",", mapper.toRequest(row).tieBreaking().order());
            case RANDOM -> "random:" + row.tieSeed();
        };
    }

    /** Codes issued and used per batch (revoked batches left out: their codes were deleted) and ballots per channel. */
    static BallotCounts counts(Connection c, long electionId) throws SQLException {
        record Batch(long id, String label, long issued, long used) {
        }
        List<Batch> batches = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT b.id, b.label, b.code_count, "
                + "(SELECT COUNT(*) FROM voting_code v WHERE v.batch_id = b.id AND v.used = TRUE) "
                + "FROM code_batch b WHERE b.election_id = ? AND b.revoked = FALSE AND b.pending = FALSE ORDER BY b.id")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    batches.add(new Batch(r.getLong(1), TextCheck.publishable(r.getString(2)), r.getLong(3), r.getLong(4)));
                }
            }
        }
        Set<String> labels = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (Batch b : batches) {
            if (!labels.add(b.label())) {
                repeated.add(b.label());
            }
        }
        List<BallotCounts.CodeBatch> out = new ArrayList<>();
        for (Batch b : batches) {
            String name = repeated.contains(b.label()) ? b.label() + " (batch " + b.id() + ")" : b.label();
            out.add(new BallotCounts.CodeBatch(name, b.issued(), b.used()));
        }
        Map<String, Long> channels = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT channel, COUNT(*) FROM ballot WHERE election_id = ? GROUP BY channel")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    channels.put(r.getString(1).toLowerCase(Locale.ROOT), r.getLong(2));
                }
            }
        }
        channels.putIfAbsent("online", 0L);
        channels.putIfAbsent("paper", 0L);
        return new BallotCounts(out, channels);
    }
}
