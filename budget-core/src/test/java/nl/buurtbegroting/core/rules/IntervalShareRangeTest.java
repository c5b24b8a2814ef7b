package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.testdata.GeneratedElection;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The floating-point filter run on a range of shares at once (what the add-one search uses to skip shares)
 * proves an outcome only when the exact run buys exactly those projects, in that order, at every share of
 * the range. Every range over a window of shares is checked against the exact runs, on elections where
 * exact price ties are everywhere (few voters, round costs), where the outcome changes inside many ranges
 * (then the filter must refuse), and on one crafted election where it must refuse a known range.
 */
class IntervalShareRangeTest {

    private static final int[] WIDTHS = {0, 1, 2, 3, 5, 8, 13, 34};

    @Test
    void refusesARangeInWhichASecondProjectBecomesAffordable() {
        // two voters with 10 each at the first share: both pay 5 for A (cost 10, price 1/2) before B (cost 7,
        // voter 2 alone, price 1); voter 2 can afford B once she has 12 (5 for A, 7 for B)
        List<Project> projects = List.of(Project.of("A", 10), Project.of("B", 7));
        List<Ballot> ballots = List.of(ApprovalBallot.of(Set.of("A")), ApprovalBallot.of(Set.of("A", "B")));
        Election election = election(20, projects, ballots);
        Fixture f = new Fixture(election, "id");
        assertArrayEquals(new int[] {0}, f.exact(11));
        assertArrayEquals(new int[] {0, 1}, f.exact(12));
        assertNull(f.filter.run(11, 12), "the outcome changes between shares 11 and 12");
        assertNull(f.filter.run(5, 40));
        assertArrayEquals(new int[] {0}, f.filter.run(10, 11));
        assertArrayEquals(new int[] {0, 1}, f.filter.run(13, 20));
        f.assertEveryRangeSound(10, 30);
    }

    @ParameterizedTest
    @CsvSource({"300, 42, id", "300, 7, id-desc", "1000, 42, id-desc", "3000, 7, id"})
    void provesARangeOnlyWhenEveryShareInItBuysTheSame(int voters, long seed, String tieBreaking) {
        Fixture f = new Fixture(GeneratedElection.approval(voters, 150, seed), tieBreaking);
        long first = f.e.budget / f.e.voters;
        f.assertEveryRangeSound(first, first + 120);
        assertTrue(f.provedWide > 0, "some range of two or more shares is proved");
        assertTrue(f.changing > 0, "some range contains a change of outcome, which the filter must refuse");
    }

    @Test
    void smallElectionsWithExactTiesAndPointsBallots() {
        SplittableRandom r = new SplittableRandom(16);
        int provedWide = 0;
        int changing = 0;
        for (int k = 0; k < 300; k++) {
            Election election = randomElection(r, k % 4 == 3);
            Fixture f = new Fixture(election, k % 2 == 0 ? "id" : "id-desc");
            long first = f.e.voters == 0 ? 0 : f.e.budget / f.e.voters;
            f.assertEveryRangeSound(first, first + 40);
            provedWide += f.provedWide;
            changing += f.changing;
        }
        assertTrue(provedWide > 300, "ranges proved: " + provedWide);
        assertTrue(changing > 100, "ranges with a change of outcome: " + changing);
    }

    private static final class Fixture {
        final CompiledElection e;
        final EqualSharesEngine engine;
        final IntervalEqualShares filter;
        final Map<Long, int[]> exact = new HashMap<>();
        int provedWide;
        int changing;

        Fixture(Election election, String tieBreaking) {
            e = CompiledElection.of(election, TieBreaking.parse(tieBreaking), RuleName.MES_ADD1);
            boolean[] supported = new boolean[e.projectCount];
            for (int p = 0; p < e.projectCount; p++) {
                supported[p] = e.admitted[p] && e.support[p] > 0;
            }
            engine = new EqualSharesEngine(e, supported);
            filter = engine.intervals();
        }

        int[] exact(long share) {
            return exact.computeIfAbsent(share, s -> engine.runParametric(s, false).selected);
        }

        /** Every range [s, s + w] within [from, to] that the filter proves is what every share in it buys. */
        void assertEveryRangeSound(long from, long to) {
            for (long s = from; s <= to; s++) {
                for (int w : WIDTHS) {
                    if (s + w > to) {
                        break;
                    }
                    boolean same = true;
                    for (long t = s + 1; t <= s + w; t++) {
                        same &= Arrays.equals(exact(s), exact(t));
                    }
                    changing += same ? 0 : 1;
                    int[] proved = filter.run(s, s + w);
                    if (proved == null) {
                        continue;
                    }
                    for (long t = s; t <= s + w; t++) {
                        assertArrayEquals(exact(t), proved, "range [" + s + ", " + (s + w) + "], share " + t);
                    }
                    provedWide += w > 0 ? 1 : 0;
                }
            }
        }
    }

    /** A few voters, costs from a handful of round values (exact price ties), approval or points ballots. */
    private static Election randomElection(SplittableRandom r, boolean points) {
        int m = 2 + r.nextInt(6);
        int n = 2 + r.nextInt(9);
        List<Project> projects = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            projects.add(Project.of("p" + j, 10L * (1 + r.nextInt(4))));
        }
        List<Ballot> ballots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (points) {
                Map<String, Long> given = new HashMap<>();
                for (Project p : projects) {
                    if (r.nextInt(3) == 0) {
                        given.put(p.id(), 1L + r.nextInt(3));
                    }
                }
                ballots.add(CumulativeBallot.of(given));
            } else {
                Set<String> chosen = new HashSet<>();
                for (Project p : projects) {
                    if (r.nextInt(5) < 2) {
                        chosen.add(p.id());
                    }
                }
                ballots.add(ApprovalBallot.of(chosen));
            }
        }
        long budget = 20 + 10L * r.nextInt(8);
        Instance instance = new Instance("", budget, projects, Map.of(), List.of(),
                BallotRules.of(points ? VoteType.CUMULATIVE : VoteType.APPROVAL), Map.of());
        return new Election(instance, new Profile(ballots));
    }

    private static Election election(long budget, List<Project> projects, List<Ballot> ballots) {
        Instance instance = new Instance("", budget, projects, Map.of(), List.of(), BallotRules.of(VoteType.APPROVAL), Map.of());
        return new Election(instance, new Profile(ballots));
    }
}
