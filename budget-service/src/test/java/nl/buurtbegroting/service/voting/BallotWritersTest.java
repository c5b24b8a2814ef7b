package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.validation.BallotSubmission;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.signing.ReceiptSigner;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit ({@link BallotWriters}, {@link BallotStore#castTogether}): a group stores exactly the ballots
 * whose codes it consumed, leaves every other ballot to be cast alone with the same answers as before, stores
 * nothing when it fails, and ballots that wait together really share a transaction.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
class BallotWritersTest extends ApiTestBase {

    @Inject
    DataSource dataSource;
    @Inject
    BallotStore store;
    @Inject
    BallotService ballots;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    CodeHasher hasher;
    @Inject
    Clock clock;
    @Inject
    ReceiptSigner signer;

    @Test
    void aGroupStoresTheBallotsWhoseCodesItConsumedAndLeavesTheRestToBeCastAlone() throws Exception {
        long election = openElection("Groep");
        List<String> codes = Voting.issue(api, admin, election, 3, "brief");
        long other = openElection("Andere wijk");
        String elsewhere = Voting.issue(api, admin, other, 1, "brief").get(0);
        store.castAlone(pending(election, codes.get(0), "s0"));

        BallotStore.Pending first = pending(election, codes.get(1), "s1");
        List<BallotStore.Pending> group = List.of(first, pending(election, codes.get(2), "s2"),
                pending(election, codes.get(1), "s1"), pending(election, codes.get(1), "another"),
                pending(election, codes.get(0), "s0-again"), pending(election, elsewhere, "s4"));
        BallotStore.Cast[] casts = store.castTogether(group);

        assertNotNull(casts[0]);
        assertNotNull(casts[1]);
        for (int i = 2; i < casts.length; i++) {
            assertNull(casts[i], "ballot " + i + " was not stored by the group");
        }
        assertEquals(3, count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election));
        // Cast alone, the others get exactly the answers they got before there were groups.
        BallotStore.Cast retry = store.castAlone(group.get(2));
        assertTrue(retry.replayed());
        assertEquals(casts[0].receipt().ballotHash(), retry.receipt().ballotHash());
        assertEquals(ProblemCode.CODE_ALREADY_USED, problem(group.get(3)));
        assertEquals(ProblemCode.CODE_ALREADY_USED, problem(group.get(4)));
        assertEquals(ProblemCode.UNKNOWN_CODE, problem(group.get(5)));
        assertEquals(3, count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election));
        assertEquals(0, count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", other));
    }

    @Test
    void aGroupForAClosedElectionStoresNothingAndUsesNoCode() throws Exception {
        long election = openElection("Gesloten");
        List<String> codes = Voting.issue(api, admin, election, 2, "brief");
        api.post("/api/elections/" + election + "/close", null, admin).ok(200);
        List<BallotStore.Pending> group = List.of(pending(election, codes.get(0), "a"), pending(election, codes.get(1), "b"));

        VotingProblem problem = assertThrows(VotingProblem.class, () -> store.castTogether(group));

        assertEquals(ProblemCode.ELECTION_NOT_OPEN, problem.code());
        assertEquals(0, count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election));
        assertEquals(0, count("SELECT COUNT(*) FROM voting_code WHERE election_id = ? AND used = TRUE", election));
        assertEquals(0, count("SELECT COUNT(*) FROM ballot_submission WHERE election_id = ?", election));
    }

    @Test
    void ballotsThatWaitTogetherShareOneTransaction() throws Exception {
        long election = openElection("Samen");
        int n = 16;
        List<String> codes = Voting.issue(api, admin, election, n, "brief");
        List<BallotStore.Pending> pendings = new ArrayList<>();
        for (String code : codes) {
            pendings.add(pending(election, code, Voting.submissionId()));
        }
        List<Integer> groups = new CopyOnWriteArrayList<>();
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean othersQueued = new java.util.concurrent.atomic.AtomicBoolean();
        BallotWriters[] writers = new BallotWriters[1];
        // One writer; its first group (one ballot, cast before the others exist) waits until every other ballot
        // is queued behind it, so the order of the threads cannot change the groups.
        BallotStore recording = new BallotStore(transactions, hasher, clock, "Europe/Amsterdam", signer) {
            @Override
            Cast[] castTogether(List<Pending> group) {
                if (groups.isEmpty() && firstGroupStarted.getCount() == 1) {
                    firstGroupStarted.countDown();
                    othersQueued.set(awaitQuietly(() -> writers[0].waiting() == n - group.size()));
                }
                groups.add(group.size());
                return super.castTogether(group);
            }
        };
        writers[0] = new BallotWriters(recording, 1, 64);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<BallotStore.Cast>> casts = new ArrayList<>();
            casts.add(pool.submit(() -> writers[0].cast(pendings.get(0))));
            assertTrue(firstGroupStarted.await(30, TimeUnit.SECONDS), "the first ballot reached the writer");
            for (BallotStore.Pending ballot : pendings.subList(1, n)) {
                casts.add(pool.submit(() -> writers[0].cast(ballot)));
            }
            Set<String> hashes = new HashSet<>();
            for (Future<BallotStore.Cast> cast : casts) {
                BallotStore.Cast c = cast.get(60, TimeUnit.SECONDS);
                assertEquals(false, c.replayed());
                hashes.add(c.receipt().ballotHash());
            }
            assertTrue(othersQueued.get(), "the other " + (n - 1) + " ballots were queued within 30 s");
            assertEquals(List.of(1, n - 1), groups);
            assertEquals(n, hashes.size(), "every ballot has its own receipt");
            assertEquals(n, count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election));
        } finally {
            pool.shutdownNow();
            writers[0].stop();
        }
    }

    @Test
    void everyBallotOfAGroupRolledBackIsCastAlone() throws Exception {
        long election = openElection("Teruggedraaid");
        List<String> codes = Voting.issue(api, admin, election, 12, "brief");
        BallotStore failing = new BallotStore(transactions, hasher, clock, "Europe/Amsterdam", signer) {
            @Override
            Cast[] castTogether(List<Pending> group) {
                // Every statement of the group runs, then the transaction fails before its commit.
                return transactions.executeWrite(status -> {
                    super.castTogether(group);
                    throw new IllegalStateException("the connection broke");
                });
            }
        };
        Set<String> hashes = castThroughWriters(failing, election, codes, false);
        assertEquals(codes.size(), hashes.size());
        assertEquals(codes.size(), count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election));
        assertEquals(codes.size(), count("SELECT COUNT(*) FROM voting_code WHERE election_id = ? AND used = TRUE", election));
    }

    @Test
    void aGroupCommittedWithoutTheWriterKnowingAnswersEachBallotWithItsOwnReceipt() throws Exception {
        long election = openElection("Onbekend of opgeslagen");
        List<String> codes = Voting.issue(api, admin, election, 12, "brief");
        List<String> committed = new CopyOnWriteArrayList<>();
        BallotStore lostAnswer = new BallotStore(transactions, hasher, clock, "Europe/Amsterdam", signer) {
            @Override
            Cast[] castTogether(List<Pending> group) {
                for (Cast cast : super.castTogether(group)) {
                    committed.add(cast.receipt().ballotHash());
                }
                throw new IllegalStateException("the answer to the commit was lost");
            }
        };
        // Each ballot, cast alone after the group, finds the receipt sealed for its code and submission id.
        Set<String> hashes = castThroughWriters(lostAnswer, election, codes, true);
        assertEquals(Set.copyOf(committed), hashes);
        assertEquals(codes.size(), hashes.size());
        assertEquals(codes.size(), count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election));
    }

    private Set<String> castThroughWriters(BallotStore store, long election, List<String> codes, boolean replayed)
            throws Exception {
        BallotWriters writers = new BallotWriters(store, 2, 64);
        try {
            return castFromThreads(writers, election, codes, replayed);
        } finally {
            writers.stop();
        }
    }

    private long openElection(String name) {
        long election = Voting.draft(api, admin, name);
        Voting.open(api, admin, election);
        return election;
    }

    private BallotStore.Pending pending(long election, String code, String submissionId) throws Exception {
        return store.prepare(election, VotingCode.parse(code), submissionId,
                ballots.checked(election, new BallotSubmission(List.of("a"), null)), Channel.ONLINE);
    }

    private ProblemCode problem(BallotStore.Pending ballot) {
        return assertThrows(VotingProblem.class, () -> store.castAlone(ballot)).code();
    }

    /** Casts one ballot per code, each from a thread of its own, through {@code writers}; their ballot hashes. */
    private Set<String> castFromThreads(BallotWriters writers, long election, List<String> codes, boolean replayed)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(codes.size());
        try {
            List<Future<BallotStore.Cast>> casts = new ArrayList<>();
            for (String code : codes) {
                BallotStore.Pending ballot = pending(election, code, Voting.submissionId());
                casts.add(pool.submit(() -> writers.cast(ballot)));
            }
            Set<String> hashes = new HashSet<>();
            for (Future<BallotStore.Cast> cast : casts) {
                BallotStore.Cast c = cast.get(60, TimeUnit.SECONDS);
                assertEquals(replayed, c.replayed());
                hashes.add(c.receipt().ballotHash());
            }
            return hashes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether the condition came true within 30 s; the writer thread must not throw, so the test asserts it. */
    private static boolean awaitQuietly(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // A short sleep, not a spin: on two cores the threads that queue the ballots need the CPU.
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    private long count(String sql, long election) throws Exception {
        return Rows.count(dataSource, sql, election);
    }
}
