package nl.buurtbegroting.core.testdata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;

/**
 * Seeded, realistic approval elections for speed tests: costs spread log-uniformly between 5,000 and
 * 500,000, a popularity that falls off like a Zipf law (a few projects on a third of the ballots, a
 * long tail), ballots of 1 to 10 projects (short ones more common, as in real data) and 1% empty
 * ballots; the budget is 5,000,000. The same seed always gives the same election.
 */
public final class GeneratedElection {

    private GeneratedElection() {
    }

    public static Election approval(int voters, int projects, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Project> list = new ArrayList<>();
        for (int j = 0; j < projects; j++) {
            double logCost = Math.log(5_000) + random.nextDouble() * (Math.log(500_000) - Math.log(5_000));
            long cost = Math.round(Math.exp(logCost) / 100.0) * 100;
            list.add(Project.of("p" + (j + 1), cost));
        }
        // popularity: Zipf-like weights over a random permutation of the projects
        double[] weight = new double[projects];
        int[] perm = new int[projects];
        for (int j = 0; j < projects; j++) {
            perm[j] = j;
        }
        for (int j = projects - 1; j > 0; j--) {
            int k = random.nextInt(j + 1);
            int t = perm[j];
            perm[j] = perm[k];
            perm[k] = t;
        }
        for (int j = 0; j < projects; j++) {
            weight[perm[j]] = 1.0 / Math.pow(j + 1, 0.9);
        }
        List<Ballot> ballots = new ArrayList<>(voters);
        for (int v = 0; v < voters; v++) {
            Set<String> chosen = new LinkedHashSet<>();
            if (random.nextInt(100) != 0) {
                int length = 1 + (int) Math.floor(10 * Math.pow(random.nextDouble(), 1.6));
                length = Math.min(length, projects);
                double total = 0;
                for (double w : weight) {
                    total += w;
                }
                boolean[] taken = new boolean[projects];
                double left = total;
                while (chosen.size() < length) {
                    double r = random.nextDouble() * left;
                    int j = 0;
                    while (j < projects - 1 && (taken[j] || r >= weight[j])) {
                        if (!taken[j]) {
                            r -= weight[j];
                        }
                        j++;
                    }
                    if (taken[j]) {
                        continue;
                    }
                    taken[j] = true;
                    left -= weight[j];
                    chosen.add(list.get(j).id());
                }
            }
            ballots.add(new ApprovalBallot("v" + (v + 1), chosen, Map.of()));
        }
        return new Election(Instance.of(5_000_000, list), new Profile(ballots));
    }
}
