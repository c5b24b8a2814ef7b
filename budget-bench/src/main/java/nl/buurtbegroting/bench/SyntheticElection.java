package nl.buurtbegroting.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;

/**
 * A large approval election shaped like real ones, generated from a seed: project popularity falls
 * off like Zipf's law, each voter approves 1 to 10 projects, costs lie between 5,000 and 500,000,
 * and the budget covers roughly a fifth of the total cost.
 */
public final class SyntheticElection {

    private SyntheticElection() {
    }

    public static Election generate(int voters, int projects, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Project> list = new ArrayList<>();
        long total = 0;
        for (int p = 0; p < projects; p++) {
            long cost = 5_000 + random.nextLong(495_001);
            total += cost;
            list.add(Project.of(Integer.toString(1000 + p), cost));
        }
        double[] cumulative = new double[projects];
        double sum = 0;
        for (int p = 0; p < projects; p++) {
            sum += 1.0 / Math.pow(p + 1, 0.8);
            cumulative[p] = sum;
        }
        List<Ballot> ballots = new ArrayList<>(voters);
        for (int v = 0; v < voters; v++) {
            int length = 1 + random.nextInt(10);
            Set<String> approved = new LinkedHashSet<>();
            while (approved.size() < length) {
                double x = random.nextDouble() * sum;
                int lo = 0;
                int hi = projects - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] < x) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                approved.add(list.get(lo).id());
            }
            ballots.add(new ApprovalBallot(Integer.toString(v), approved, Map.of()));
        }
        return new Election(Instance.of(total / 5, list), new Profile(ballots));
    }
}
