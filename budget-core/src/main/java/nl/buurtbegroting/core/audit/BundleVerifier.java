package nl.buurtbegroting.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.buurtbegroting.core.audit.CheckResult.Status;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.validation.BallotValidator;
import nl.buurtbegroting.core.validation.BallotViolation;

/**
 * Verifies an audit bundle offline: every {@link Check} in order, each with a one-line verdict. It never
 * throws on a hostile bundle; whatever is wrong becomes a failed check. Checks that do not depend on a
 * failed one still run, so a report shows everything that is wrong (a naively edited ballot fails
 * CHECKSUMS, and also MERKLE_ROOT), while the exit code is that of the first failure.
 *
 * <p>The specification a second, independent verifier can be written from is {@code docs/spec} (with
 * {@code docs/verification.md}); {@code verifier/} is one, in JavaScript. The parts: {@link ParsedBundle}
 * reads the files, {@link BundleChecks} judges them, {@link OutcomeRecomputation} reruns the rule.
 *
 * <p>Cost: O(n log n) hashing for n ballots plus one run of the election's rule.
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }
    /** Verifies a bundle zip or directory; an unreadable one fails {@link Check#FILES_PRESENT}. */
    public static VerificationReport verify(Path path, VerifyOptions options) {
        AuditBundle bundle;
        try {
            bundle = AuditBundle.read(path);
        } catch (BundleFormatException e) {
            return unreadable(e.getMessage());
        } catch (IOException e) {
            return unreadable("cannot read " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return unreadable("cannot read " + path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return verify(bundle, options);
    }

    public static VerificationReport verify(AuditBundle bundle, VerifyOptions options) {
        return run(bundle, options == null ? VerifyOptions.none() : options);
    }

    private static VerificationReport unreadable(String why) {
        List<CheckResult> results = new ArrayList<>();
        for (Check c : Check.values()) {
            results.add(c == Check.FILES_PRESENT ? new CheckResult(c, Status.FAIL, why)
                    : new CheckResult(c, Status.SKIPPED, "the bundle could not be read"));
        }
        return new VerificationReport(results);
    }

    private static VerificationReport run(AuditBundle bundle, VerifyOptions options) {
        ParsedBundle parsed = new ParsedBundle(bundle);
        BundleChecks c = new BundleChecks(parsed, options);
        Map<Check, CheckResult> results = new EnumMap<>(Check.class);
        check(results, Check.FILES_PRESENT, c::filesPresent);
        check(results, Check.CHECKSUMS, c::checksums);
        check(results, Check.SIGNATURE, c::signature);
        check(results, Check.KEY_TRUSTED, c::keyTrusted);
        check(results, Check.SCHEMA, c::schema);
        check(results, Check.EVENT_CHAIN, c::eventChain);
        check(results, Check.MERKLE_ROOT, c::merkleRoot);
        check(results, Check.BALLOTS_UNIQUE, c::ballotsUnique);
        check(results, Check.BALLOTS_MATCH_USED_CODES, c::ballotsMatchUsedCodes);
        check(results, Check.BALLOTS_VALID, c::ballotsValid);
        check(results, Check.OUTCOME_RECOMPUTED, c::outcomeRecomputed);
        check(results, Check.RECEIPT_INCLUDED, c::receiptIncluded);
        return new VerificationReport(new ArrayList<>(results.values()));
    }

    /** A check that throws is a failed check with the message: nothing escapes to the caller. */
    private static void check(Map<Check, CheckResult> results, Check check, Supplier<CheckResult> body) {
        CheckResult r;
        try {
            r = body.get();
        } catch (RuntimeException e) {
            r = new CheckResult(check, Status.FAIL, "could not be checked: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        results.put(check, r);
    }
}
