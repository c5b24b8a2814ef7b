package nl.buurtbegroting.core.audit;

import java.util.Objects;

/** The result of one check: its status and a one-line verdict a person can read. */
public record CheckResult(Check check, Status status, String verdict) {

    public enum Status { PASS, FAIL, SKIPPED }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        verdict = verdict == null ? "" : verdict.replace('\n', ' ');
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** {@code PASS  CHECKSUMS  all 6 files match}. */
    public String line() {
        return String.format("%-7s %-25s %s", status, check, verdict);
    }
}
