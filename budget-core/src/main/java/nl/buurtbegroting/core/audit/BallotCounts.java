package nl.buurtbegroting.core.audit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers a bundle publishes next to the ballots: voting codes issued and used per printed batch,
 * and ballots per channel ({@code online}, {@code paper}...). Used codes must equal the ballots counted.
 */
public record BallotCounts(List<CodeBatch> batches, Map<String, Long> ballotsByChannel) {

    public BallotCounts {
        batches = List.copyOf(batches);
        ballotsByChannel = Collections.unmodifiableMap(new TreeMap<>(ballotsByChannel));
        for (Long n : ballotsByChannel.values()) {
            if (n == null || n < 0) {
                throw new IllegalArgumentException("ballot counts must not be negative");
            }
        }
    }

    /** A batch of voting codes: how many were issued and how many were used to vote. */
    public record CodeBatch(String batch, long issued, long used) {
        public CodeBatch {
            if (batch == null || batch.isBlank()) {
                throw new IllegalArgumentException("a code batch needs a name");
            }
            if (issued < 0 || used < 0) {
                throw new IllegalArgumentException("code counts must not be negative");
            }
        }
    }

    public long usedCodes() {
        long n = 0;
        for (CodeBatch b : batches) {
            n = Math.addExact(n, b.used());
        }
        return n;
    }

    public long ballots() {
        long n = 0;
        for (long c : ballotsByChannel.values()) {
            n = Math.addExact(n, c);
        }
        return n;
    }
}
