package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of verifying a bundle: one result per {@link Check}, in order. */
public record VerificationReport(List<CheckResult> results) {

    public VerificationReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().noneMatch(CheckResult::failed);
    }

    public Optional<CheckResult> firstFailure() {
        return results.stream().filter(CheckResult::failed).findFirst();
    }

    public Optional<CheckResult> result(Check check) {
        return results.stream().filter(r -> r.check() == check).findFirst();
    }

    /** Every check that failed, in order. */
    public List<Check> failedChecks() {
        return results.stream().filter(CheckResult::failed).map(CheckResult::check).toList();
    }

    /** 0 when every check passed (or was skipped), else the first failing check's code. */
    public int exitCode() {
        return firstFailure().map(r -> r.check().exitCode()).orElse(0);
    }

    /** The final one-line verdict. */
    public String summary() {
        Optional<CheckResult> first = firstFailure();
        if (first.isPresent()) {
            long failed = results.stream().filter(CheckResult::failed).count();
            return "REJECTED: " + first.get().check() + " failed" + (failed > 1 ? " (and " + (failed - 1) + " more)" : "")
                    + ": " + first.get().verdict();
        }
        List<String> skipped = new ArrayList<>();
        for (CheckResult r : results) {
            if (r.status() == CheckResult.Status.SKIPPED) {
                skipped.add(r.check().name());
            }
        }
        return "VERIFIED: every check passed" + (skipped.isEmpty() ? "" : "; not done: " + String.join(", ", skipped));
    }

    /** The report as JSON-ready data, for programs. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", passed());
        m.put("exitCode", (long) exitCode());
        List<Object> checks = new ArrayList<>();
        for (CheckResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("check", r.check().name());
            c.put("status", r.status().name());
            c.put("verdict", r.verdict());
            c.put("exitCode", (long) r.check().exitCode());
            checks.add(c);
        }
        m.put("checks", checks);
        m.put("summary", summary());
        return m;
    }
}
