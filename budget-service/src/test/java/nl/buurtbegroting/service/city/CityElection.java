package nl.buurtbegroting.service.city;

import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A generated city election: projects with round costs between 10,000 and 500,000, a budget of a fifth of their total,
 * and approval ballots of 1 to 10 projects drawn with a popularity that falls with the project's number (a few
 * favourites, a long tail), as city votes look. The same seed gives the same election.
 *
 * @param pabulib  the election as a Pabulib file without votes (the service imports proposals, never votes)
 * @param ballots  each voter's approved project ids, sorted
 * @param expectedSelected what budget-core funds, in order, with the service's tie-breaking of imports (by id)
 */
record CityElection(String pabulib, List<List<String>> ballots, List<String> expectedSelected) {

    static CityElection generate(int projects, int voters, String rule, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] cost = new long[projects];
        long total = 0;
        for (int p = 0; p < projects; p++) {
            cost[p] = (10 + random.nextInt(491)) * 1_000L;
            total += cost[p];
        }
        long budget = total / 5 / 1_000 * 1_000;
        double[] weight = new double[projects];
        double sum = 0;
        for (int p = 0; p < projects; p++) {
            weight[p] = 1.0 / Math.pow(p + 1, 0.8);
            sum += weight[p];
        }
        // Popularity is decided by a shuffled rank, so it is not the same order as the ids (ties by id would decide too much).
        int[] rank = new int[projects];
        for (int p = 0; p < projects; p++) {
            rank[p] = p;
        }
        for (int p = projects - 1; p > 0; p--) {
            int q = random.nextInt(p + 1);
            int t = rank[p];
            rank[p] = rank[q];
            rank[q] = t;
        }
        List<List<String>> ballots = new ArrayList<>(voters);
        for (int v = 0; v < voters; v++) {
            int length = 1 + random.nextInt(10);
            TreeSet<String> chosen = new TreeSet<>();
            while (chosen.size() < length) {
                double x = random.nextDouble() * sum;
                int p = 0;
                while (p < projects - 1 && x >= weight[p]) {
                    x -= weight[p];
                    p++;
                }
                chosen.add(id(rank[p]));
            }
            ballots.add(List.copyOf(chosen));
        }
        String header = "META\nkey;value\ndescription;Generated city election\ncountry;Netherlands\nunit;Proefstad\n"
                + "instance;2026\nnum_projects;" + projects + "\nbudget;" + budget + "\nvote_type;approval\nmin_length;1\n"
                + "max_length;10\nrule;" + rule + "\ncurrency;EUR\n";
        StringBuilder projectsSection = new StringBuilder("PROJECTS\nproject_id;cost;name\n");
        for (int p = 0; p < projects; p++) {
            projectsSection.append(id(p)).append(';').append(cost[p]).append(";Plan ").append(p + 1).append('\n');
        }
        String withoutVotes = header + "num_votes;0\n" + projectsSection + "VOTES\nvoter_id;vote\n";
        StringBuilder withVotes = new StringBuilder(header + "num_votes;" + voters + "\n" + projectsSection + "VOTES\nvoter_id;vote\n");
        for (int v = 0; v < voters; v++) {
            withVotes.append(v + 1).append(';').append(String.join(",", ballots.get(v))).append('\n');
        }
        try {
            Election election = PabulibReader.read(new StringReader(withVotes.toString()), "city");
            List<String> selected = RuleName.parse(rule).create(RuleOptions.withTieBreaking(TieBreaking.parse("id")))
                    .allocate(election).selected();
            return new CityElection(withoutVotes, ballots, List.copyOf(selected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String id(int p) {
        return String.format("p%03d", p + 1);
    }
}
