package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    /** Codes issued in all batches together. */
    public long issuedCodes() {
        long n = 0;
        for (CodeBatch b : batches) {
            n = Math.addExact(n, b.issued());
        }
        return n;
    }

    /**
     * The batches as the published JSON lists them ({@code batch}, {@code issued}, {@code used}, in that order):
     * one shape for the bundle's {@code counts.json} and the service's turnout.
     */
    public List<Map<String, Object>> batchesJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CodeBatch b : batches) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", b.batch());
            m.put("issued", b.issued());
            m.put("used", b.used());
            out.add(m);
        }
        return out;
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
