package nl.buurtbegroting.core.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;

/**
 * Checks ballots against an election's rules and reports every violation at once (a voter fixes
 * all of them in one go): known projects, no repeats, admitted projects only, number of projects,
 * total cost (knapsack ballots), points per project and in total (cumulative ballots).
 */
public final class BallotValidator {

    private final Instance instance;
    private final Map<String, Project> projects = new LinkedHashMap<>();

    public BallotValidator(Instance instance) {
        this.instance = instance;
        for (Project p : instance.projects()) {
            projects.put(p.id(), p);
        }
    }

    /** Every violation of a submitted ballot; empty when it is valid. */
    public List<BallotViolation> check(BallotSubmission submission) {
        BallotRules rules = instance.ballotRules();
        VoteType type = rules.voteType();
        List<BallotViolation> out = new ArrayList<>();
        List<String> ids = submission.projects();
        Set<String> seen = new HashSet<>();
        long totalCost = 0;
        boolean costKnown = true;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i) == null ? "" : ids.get(i);
            String field = "projects[" + i + "]";
            Project p = projects.get(id);
            if (p == null) {
                out.add(new BallotViolation(ViolationCode.UNKNOWN_PROJECT, field, "project '" + id + "' is not on this ballot"));
                costKnown = false;
                continue;
            }
            if (!seen.add(id)) {
                out.add(new BallotViolation(ViolationCode.DUPLICATE_PROJECT, field, "project '" + id + "' is chosen more than once"));
                continue;
            }
            if (!p.admitted()) {
                out.add(new BallotViolation(ViolationCode.NOT_ELIGIBLE_PROJECT, field,
                        "project '" + id + "' was not admitted to the vote: " + p.eligibility().reason()));
            }
            totalCost = saturatedSum(totalCost, p.cost());
        }
        int count = chosenCount(submission, type);
        if (type == VoteType.CHOOSE_ONE) {
            if (count < 1) {
                out.add(new BallotViolation(ViolationCode.TOO_FEW_PROJECTS, "projects", "choose one project"));
            } else if (count > 1) {
                out.add(new BallotViolation(ViolationCode.TOO_MANY_PROJECTS, "projects",
                        "choose exactly one project, not " + count));
            }
        }
        if (rules.minLength() != null && count < rules.minLength()) {
            out.add(new BallotViolation(ViolationCode.TOO_FEW_PROJECTS, "projects",
                    "choose at least " + projects(rules.minLength()) + ", not " + count));
        }
        if (rules.maxLength() != null && count > rules.maxLength()) {
            out.add(new BallotViolation(ViolationCode.TOO_MANY_PROJECTS, "projects",
                    "choose at most " + projects(rules.maxLength()) + ", not " + count));
        }
        if (costKnown && rules.maxSumCost() != null && totalCost > rules.maxSumCost()) {
            out.add(new BallotViolation(ViolationCode.OVER_COST_LIMIT, "projects",
                    "the chosen projects cost " + totalCost + ", more than the limit of " + rules.maxSumCost()));
        }
        if (costKnown && rules.minSumCost() != null && totalCost < rules.minSumCost()) {
            out.add(new BallotViolation(ViolationCode.UNDER_COST_LIMIT, "projects",
                    "the chosen projects cost " + totalCost + ", less than the required " + rules.minSumCost()));
        }
        checkPoints(submission, rules, out);
        return out;
    }

    /**
     * How many projects the ballot chooses. On a cumulative ballot a project listed with 0 points is
     * not chosen: it supports nothing, and a ballot stored without it must check the same.
     */
    private static int chosenCount(BallotSubmission submission, VoteType type) {
        List<Long> points = submission.points();
        if (type != VoteType.CUMULATIVE || points == null || points.size() != submission.projects().size()) {
            return submission.projects().size();
        }
        int count = 0;
        for (Long p : points) {
            if (p == null || p != 0) {
                count++;
            }
        }
        return count;
    }

    private static void checkPoints(BallotSubmission submission, BallotRules rules, List<BallotViolation> out) {
        List<Long> points = submission.points();
        if (rules.voteType() != VoteType.CUMULATIVE) {
            if (points != null && !points.isEmpty()) {
                out.add(new BallotViolation(ViolationCode.POINTS_NOT_ALLOWED, "points",
                        "this ballot has no points; choose projects only"));
            }
            return;
        }
        if (points == null || points.size() != submission.projects().size()) {
            out.add(new BallotViolation(ViolationCode.POINTS_MISMATCH, "points", "give points for each chosen project: "
                    + submission.projects().size() + " projects but " + (points == null ? 0 : points.size()) + " points"));
            return;
        }
        long sum = 0;
        long minPer = rules.minPoints() == null ? 0 : Math.max(0, rules.minPoints());
        for (int i = 0; i < points.size(); i++) {
            Long v = points.get(i);
            String field = "points[" + i + "]";
            if (v == null || v < minPer) {
                out.add(new BallotViolation(ViolationCode.POINTS_BELOW_MINIMUM, field,
                        "give at least " + minPer + " points to a chosen project, not " + v));
                continue;
            }
            if (rules.maxPoints() != null && v > rules.maxPoints()) {
                out.add(new BallotViolation(ViolationCode.POINTS_ABOVE_MAXIMUM, field,
                        "give at most " + rules.maxPoints() + " points to one project, not " + v));
            }
            sum = saturatedSum(sum, v);
        }
        if (rules.maxSumPoints() != null && sum > rules.maxSumPoints()) {
            out.add(new BallotViolation(ViolationCode.TOO_MANY_POINTS, "points",
                    "hand out at most " + rules.maxSumPoints() + " points in total, not "
                            + (sum == Long.MAX_VALUE ? "more than that" : Long.toString(sum))));
        }
        if (rules.minSumPoints() != null && sum < rules.minSumPoints()) {
            out.add(new BallotViolation(ViolationCode.TOO_FEW_POINTS, "points",
                    "hand out at least " + rules.minSumPoints() + " points in total, not " + sum));
        }
    }

    /**
     * A sum of untrusted non-negative numbers that stops at {@link Long#MAX_VALUE} instead of wrapping or
     * throwing: any total that large is over every limit, and the answer must be a violation, not a failure.
     */
    private static long saturatedSum(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static String projects(int n) {
        return n + (n == 1 ? " project" : " projects");
    }

    /** The checked ballot as a model value; throws with every violation when it is not valid. */
    public Ballot toBallot(BallotSubmission submission, String voterId) {
        List<BallotViolation> violations = check(submission);
        if (!violations.isEmpty()) {
            throw new InvalidBallotException(violations);
        }
        return switchOn(instance.voteType(), submission, voterId);
    }

    private static Ballot switchOn(VoteType type, BallotSubmission s, String voterId) {
        switch (type) {
            case CHOOSE_ONE:
                return new ChooseOneBallot(voterId, s.projects().get(0), Map.of());
            case CUMULATIVE: {
                LinkedHashMap<String, Long> points = new LinkedHashMap<>();
                for (int i = 0; i < s.projects().size(); i++) {
                    points.put(s.projects().get(i), s.points().get(i));
                }
                return new CumulativeBallot(voterId, points, Map.of());
            }
            case ORDINAL:
                return new OrdinalBallot(voterId, s.projects(), Map.of());
            default:
                return new ApprovalBallot(voterId, new LinkedHashSet<>(s.projects()), Map.of());
        }
    }

    /** Checks a ballot that is already a model value (e.g. read from a file). */
    public List<BallotViolation> check(Ballot ballot) {
        return check(submissionOf(ballot));
    }

    /** The submission a model ballot corresponds to. */
    public static BallotSubmission submissionOf(Ballot ballot) {
        if (ballot instanceof CumulativeBallot c) {
            return new BallotSubmission(new ArrayList<>(c.points().keySet()), new ArrayList<>(c.points().values()));
        }
        if (ballot instanceof OrdinalBallot o) {
            return new BallotSubmission(o.ranking(), null);
        }
        return new BallotSubmission(new ArrayList<>(ballot.supported()), null);
    }
}
