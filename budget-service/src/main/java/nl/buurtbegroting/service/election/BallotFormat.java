package nl.buurtbegroting.service.election;

/** How residents fill in a ballot; each format honours its own limits in {@link BallotSettings}. */
public enum BallotFormat {
    /** Choose any number of proposals, optionally between {@code minProjects} and {@code maxProjects}. */
    APPROVAL,
    /** Choose exactly one proposal. */
    CHOOSE_ONE,
    /** Distribute at most {@code maxPoints} points over the proposals. */
    CUMULATIVE,
    /** Choose proposals whose total cost stays within {@code maxCost} (the budget when absent). */
    KNAPSACK;

    /** Ballots that name a set of proposals without weights (what Phragmén needs). */
    public boolean approvalLike() {
        return this != CUMULATIVE;
    }
}
