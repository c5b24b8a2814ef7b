package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;

/**
 * Everything a bundle is built from.
 *
 * @param info                    public identity of the election
 * @param election                the instance (with eligibility verdicts) and every counted ballot
 * @param nonces                  each ballot's nonce, in the order of {@code election.profile().ballots()}
 * @param rule                    the allocation rule that produced {@code outcome}
 * @param options                 its options, tie-breaking included
 * @param outcome                 the ratified outcome
 * @param events                  the lifecycle, seq 1, 2, 3...
 * @param counts                  codes per batch and ballots per channel
 * @param libraryVersion          version of budget-core that computed the outcome
 * @param minimumVotersForBallots below this many voters the ballots are withheld (privacy); 0 publishes always
 * @param tree                    the published ballots and their Merkle tree when the input was made from them
 *                                ({@link #of}), so the builder need not derive and hash them again; null otherwise
 */
public record BundleInput(ElectionInfo info, Election election, List<String> nonces, RuleName rule, RuleOptions options,
                          Outcome outcome, List<AuditEvent> events, BallotCounts counts, String libraryVersion,
                          int minimumVotersForBallots, BallotTree tree) {

    /** An input from model ballots and their nonces; the builder derives the published ballots. */
    public BundleInput(ElectionInfo info, Election election, List<String> nonces, RuleName rule, RuleOptions options,
                       Outcome outcome, List<AuditEvent> events, BallotCounts counts, String libraryVersion,
                       int minimumVotersForBallots) {
        this(info, election, nonces, rule, options, outcome, events, counts, libraryVersion, minimumVotersForBallots, null);
    }

    public BundleInput {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(election, "election");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        nonces = List.copyOf(nonces);
        events = List.copyOf(events);
        if (nonces.size() != election.profile().size()) {
            throw new IllegalArgumentException(nonces.size() + " nonces for " + election.profile().size() + " ballots");
        }
        if (minimumVotersForBallots < 0) {
            throw new IllegalArgumentException("minimum number of voters must not be negative");
        }
    }

    /**
     * The input from ballots as the service stores them (already in published form, each with its nonce),
     * so that no model ballots need to be rebuilt by the caller.
     */
    public static BundleInput of(ElectionInfo info, Instance instance, List<CanonicalBallot> ballots, RuleName rule,
                                 RuleOptions options, Outcome outcome, List<AuditEvent> events, BallotCounts counts,
                                 String libraryVersion, int minimumVotersForBallots) {
        return of(info, instance, ballots, rule, options, outcome, events, counts, libraryVersion, minimumVotersForBallots,
                null);
    }

    /**
     * The input from the published ballots' tree (the service's count has one): the bundle is built from this tree, its
     * ballots in its order, without deriving and hashing 100,000 ballots again.
     */
    public static BundleInput of(ElectionInfo info, Instance instance, BallotTree tree, RuleName rule,
                                 RuleOptions options, Outcome outcome, List<AuditEvent> events, BallotCounts counts,
                                 String libraryVersion, int minimumVotersForBallots) {
        return of(info, instance, tree.ballots(), rule, options, outcome, events, counts, libraryVersion,
                minimumVotersForBallots, tree);
    }

    private static BundleInput of(ElectionInfo info, Instance instance, List<CanonicalBallot> ballots, RuleName rule,
                                  RuleOptions options, Outcome outcome, List<AuditEvent> events, BallotCounts counts,
                                  String libraryVersion, int minimumVotersForBallots, BallotTree tree) {
        List<Ballot> model = new ArrayList<>(ballots.size());
        List<String> nonces = new ArrayList<>(ballots.size());
        for (CanonicalBallot b : ballots) {
            model.add(b.toBallot(instance.voteType()));
            nonces.add(b.nonce());
        }
        return new BundleInput(info, new Election(instance, new Profile(model)), nonces, rule, options, outcome, events,
                counts, libraryVersion, minimumVotersForBallots, tree);
    }

    public boolean ballotsWithheld() {
        return election.profile().size() < minimumVotersForBallots;
    }
}
