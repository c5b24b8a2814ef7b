package nl.buurtbegroting.service.election;

/** Upper bounds on request values, so that no single request can bloat the database. */
final class Limits {
    /** One trillion currency units: more than any municipal budget, far below overflow in sums. */
    static final long MAX_AMOUNT = 1_000_000_000_000L;
    static final int MAX_PROJECTS_PER_BALLOT = 10_000;

    private Limits() {
    }
}
