package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for online ballots: {@code bb.voting.writers} (1) writer threads each take every ballot
 * waiting at that moment (up to {@code bb.voting.group-max}, 64) and cast them in one transaction
 * ({@link BallotStore#castTogether}), so that many residents voting at once cost the database one commit and
 * a few round trips per group instead of per ballot, and it serves that many transactions at a time however
 * many requests arrive. One writer per instance measured best on 2 cores (BallotBenchmark,
 * TwoInstancesBenchmark): more concurrent transactions only contend for the same cores, and with several
 * instances each adds its own. A single ballot is never held back to wait for others: a free writer takes
 * it at once.
 *
 * <p>Nothing about a ballot's fate changes. Its receipt is returned only after the group's commit. A ballot
 * whose code the group did not consume (used, unknown, a retry, the same code twice) is cast again on its
 * own, which tells those cases apart exactly as before; so is every ballot of a group that failed as a
 * whole (the election closed, a database error), and a failed group has stored nothing. With
 * {@code bb.voting.writers=0} every ballot has its own transaction.
 */
@Singleton
public class BallotWriters {

    private static final Logger LOG = LoggerFactory.getLogger(BallotWriters.class);

    private final BallotStore store;
    private final int groupMax;
    private final LinkedBlockingQueue<Job> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopped;

    public BallotWriters(BallotStore store,
                         @Property(name = "bb.voting.writers", defaultValue = "1") int writers,
                         @Property(name = "bb.voting.group-max", defaultValue = "64") int groupMax) {
        if (writers < 0 || groupMax < 1) {
            throw new IllegalStateException("bb.voting.writers must be at least 0 and bb.voting.group-max at least 1");
        }
        this.store = store;
        this.groupMax = groupMax;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::write, "ballot-writer-" + (i + 1));
            t.setDaemon(true);
            this.writers.add(t);
        }
        this.writers.forEach(Thread::start);
    }

    /** A ballot and the answer its request waits for: a receipt, or {@code null} to cast it on its own. */
    private record Job(BallotStore.Pending ballot, CompletableFuture<BallotStore.Cast> answer) {
    }

    /** Casts a prepared ballot, in a group when writers run; throws what {@link BallotStore#castAlone} throws. */
    public BallotStore.Cast cast(BallotStore.Pending ballot) {
        if (writers.isEmpty() || stopped) {
            return store.castAlone(ballot);
        }
        Job job = new Job(ballot, new CompletableFuture<>());
        waiting.add(job);
        if (stopped && waiting.remove(job)) {
            return store.castAlone(ballot);
        }
        BallotStore.Cast cast = job.answer().join();
        return cast != null ? cast : store.castAlone(ballot);
    }

    private void write() {
        List<Job> group = new ArrayList<>(groupMax);
        List<BallotStore.Pending> ballots = new ArrayList<>(groupMax);
        while (true) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(group, groupMax - 1);
            for (Job job : group) {
                ballots.add(job.ballot());
            }
            BallotStore.Cast[] casts = null;
            try {
                casts = store.castTogether(ballots);
            } catch (VotingProblem closedOrGone) {
                // The election is not open (any more): each ballot on its own gets the precise answer.
            } catch (RuntimeException | Error e) {
                // Nothing of the group was stored; each ballot is tried on its own, which reports what is wrong.
                LOG.warn("A group of {} ballots was rolled back ({}); each is cast on its own", group.size(), describe(e));
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(casts == null ? null : casts[i]);
            }
            group.clear();
            ballots.clear();
        }
    }

    /** The failure without its message, which may carry a statement's parameters. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getClass().getSimpleName() + ", SQL state " + sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Ballots waiting for a writer (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** Stops the writers; ballots still waiting are cast on their own. */
    @PreDestroy
    void stop() {
        stopped = true;
        writers.forEach(Thread::interrupt);
        for (Job job; (job = waiting.poll()) != null; ) {
            job.answer().complete(null);
        }
    }
}
