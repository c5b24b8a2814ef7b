package nl.buurtbegroting.core.model;

/**
 * What a valid ballot looks like in one election. Absent limits are {@code null}.
 *
 * @param voteType     the ballot format
 * @param minLength    fewest projects a ballot must name
 * @param maxLength    most projects a ballot may name
 * @param minSumCost   lowest total cost of the chosen projects
 * @param maxSumCost   highest total cost of the chosen projects (a knapsack ballot sets it to the budget)
 * @param minPoints    fewest points a listed project may get (cumulative)
 * @param maxPoints    most points one project may get (cumulative)
 * @param minSumPoints fewest points a ballot must hand out (cumulative)
 * @param maxSumPoints most points a ballot may hand out (cumulative)
 */
public record BallotRules(VoteType voteType, Integer minLength, Integer maxLength, Long minSumCost, Long maxSumCost,
                          Long minPoints, Long maxPoints, Long minSumPoints, Long maxSumPoints) {

    public BallotRules {
        if (voteType == null) {
            voteType = VoteType.APPROVAL;
        }
        requireOrder("length", minLength == null ? null : minLength.longValue(), maxLength == null ? null : maxLength.longValue());
        requireOrder("sum_cost", minSumCost, maxSumCost);
        requireOrder("points", minPoints, maxPoints);
        requireOrder("sum_points", minSumPoints, maxSumPoints);
        if (minLength != null && minLength < 0 || maxLength != null && maxLength < 0) {
            throw new IllegalArgumentException("ballot length limits must not be negative");
        }
    }

    private static void requireOrder(String what, Long min, Long max) {
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min_" + what + " " + min + " is above max_" + what + " " + max);
        }
    }

    public static BallotRules of(VoteType voteType) {
        return new BallotRules(voteType, null, null, null, null, null, null, null, null);
    }

    public static BallotRules approval(Integer minLength, Integer maxLength) {
        return new BallotRules(VoteType.APPROVAL, minLength, maxLength, null, null, null, null, null, null);
    }

    public static BallotRules knapsack(long maxSumCost) {
        return new BallotRules(VoteType.APPROVAL, null, null, null, maxSumCost, null, null, null, null);
    }

    public static BallotRules cumulative(long maxSumPoints, Long maxPointsPerProject) {
        return new BallotRules(VoteType.CUMULATIVE, null, null, null, null, null, maxPointsPerProject, null, maxSumPoints);
    }
}
