package nl.buurtbegroting.service.voting;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One code, one vote under load (issue 6): 64 simultaneous submissions of each of 200 codes, and 10,000
 * distinct codes from 32 threads; once against one instance and once against two instances sharing the
 * database (the in-memory H2 of the test JVM, or the PostgreSQL of {@code BB_TEST_PG_URL}). Also a close
 * racing a stream of ballots.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
class VotingConcurrencyTest extends ApiTestBase {

    static final int SAME_CODE_COPIES = 64;
    static final int SAME_CODE_CODES = 200;
    static final int DISTINCT_CODES = 10_000;
    static final int DISTINCT_THREADS = 32;

    @Inject
    DataSource dataSource;

    @Inject
    EmbeddedServer server;

    String organiser;
    EmbeddedServer second;

    @BeforeAll
    void setUp() {
        organiser = api.account(admin, "olga", "ORGANISER", List.of());
        // A second, independent instance on the same database: its own context, pool, caches and port.
        second = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "bb.code-key", Voting.CODE_KEY,
                "micronaut.server.port", -1,
                "flyway.datasources.default.clean-schema", false), "test");
    }

    @AfterAll
    void tearDown() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void sixtyFourRacesForEachOfTwoHundredCodesGiveTwoHundredBallots() throws Exception {
        raceSameCodes(List.of(server.getURI()));
    }

    @Test
    void sameCodeRacesAcrossTwoInstancesGiveOneBallotPerCode() throws Exception {
        raceSameCodes(List.of(server.getURI(), second.getURI()));
    }

    @Test
    void tenThousandDistinctCodesFromThirtyTwoThreadsGiveTenThousandBallots() throws Exception {
        distinctCodes(List.of(server.getURI()));
    }

    @Test
    void tenThousandDistinctCodesAcrossTwoInstances() throws Exception {
        distinctCodes(List.of(server.getURI(), second.getURI()));
    }

    @Test
    void aCloseRacingBallotsLetsNoBallotInAfterIt() throws Exception {
        long election = Voting.draft(api, organiser, "Sluiten onder belasting");
        List<String> codes = Voting.issue(api, organiser, election, 3_000, "brief");
        Voting.open(api, organiser, election);
        Load load = new Load();
        List<URI> targets = List.of(server.getURI(), second.getURI());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < codes.size()) {
                    URI uri = targets.get((i + thread) % 2).resolve("/api/elections/" + election + "/ballots");
                    if (load.post(uri, Voting.ballotJson(codes.get(i), "a", Voting.submissionId())) == 201) {
                        acknowledged.incrementAndGet();
                    }
                }
            }));
        }
        // The close goes in while ballots stream. Should the stream stop short of 300 receipts (every sender failed),
        // or never get there, the test fails here with the answers so far instead of waiting for ever.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (acknowledged.get() < 300) {
            if (running.stream().allMatch(Future::isDone) || System.nanoTime() > deadline) {
                pool.shutdownNow();
                fail(acknowledged.get() + " ballots acknowledged before the close; answers " + load.answers);
            }
            Thread.sleep(5);
        }
        api.post("/api/elections/" + election + "/close", null, organiser).ok(200);
        long atClose = ballots(election);
        for (Future<?> f : running) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(atClose, ballots(election), "no ballot was stored after the close committed");
        assertEquals(acknowledged.get(), ballots(election), "every acknowledged ballot is stored, and only those");
        assertEquals(codes.size() - acknowledged.get(), load.count("409 ELECTION_NOT_OPEN"), () -> "answers " + load.answers);
    }

    private void raceSameCodes(List<URI> targets) throws Exception {
        long election = Voting.draft(api, organiser, "Zelfde code " + targets.size());
        List<String> codes = Voting.issue(api, organiser, election, SAME_CODE_CODES, "brief");
        Voting.open(api, organiser, election);
        Load load = new Load();
        CyclicBarrier barrier = new CyclicBarrier(SAME_CODE_COPIES);
        ExecutorService pool = Executors.newFixedThreadPool(SAME_CODE_COPIES);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < SAME_CODE_COPIES; t++) {
            URI uri = targets.get(t % targets.size()).resolve("/api/elections/" + election + "/ballots");
            running.add(pool.submit(() -> {
                for (String code : codes) {
                    barrier.await(60, TimeUnit.SECONDS);
                    load.post(uri, Voting.ballotJson(code, "a", Voting.submissionId()));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(SAME_CODE_CODES, load.count("201"), () -> "answers " + load.answers);
        assertEquals((long) SAME_CODE_CODES * (SAME_CODE_COPIES - 1), load.count("409 CODE_ALREADY_USED"), () -> "answers " + load.answers);
        assertEquals(2, load.answers.size(), () -> "nothing but 201 and 409: " + load.answers);
        assertEquals(SAME_CODE_CODES, ballots(election));
        assertEquals(SAME_CODE_CODES, usedCodes(election));
    }

    private void distinctCodes(List<URI> targets) throws Exception {
        long election = Voting.draft(api, organiser, "Veel codes " + targets.size());
        List<String> codes = Voting.issue(api, organiser, election, DISTINCT_CODES, "brief");
        Voting.open(api, organiser, election);
        Load load = new Load();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(DISTINCT_THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < DISTINCT_THREADS; t++) {
            URI uri = targets.get(t % targets.size()).resolve("/api/elections/" + election + "/ballots");
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < codes.size()) {
                    load.post(uri, Voting.ballotJson(codes.get(i), i % 2 == 0 ? "a" : "b", Voting.submissionId()));
                }
            }));
        }
        for (Future<?> f : running) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(DISTINCT_CODES, load.count("201"), () -> "answers " + load.answers);
        assertEquals(1, load.answers.size(), () -> "answers " + load.answers);
        assertEquals(DISTINCT_CODES, ballots(election));
        assertEquals(DISTINCT_CODES, usedCodes(election));
        assertTrue(distinctCommitments(election) == DISTINCT_CODES);
    }

    private long ballots(long election) throws Exception {
        return count("SELECT COUNT(*) FROM ballot WHERE election_id = ?", election);
    }

    private long usedCodes(long election) throws Exception {
        return count("SELECT COUNT(*) FROM voting_code WHERE election_id = ? AND used = TRUE", election);
    }

    private long distinctCommitments(long election) throws Exception {
        return count("SELECT COUNT(DISTINCT commitment) FROM ballot WHERE election_id = ?", election);
    }

    private long count(String sql, long election) throws Exception {
        return Rows.count(dataSource, sql, election);
    }
}
