package nl.buurtbegroting.service.election;

/**
 * Where an election is in its life. It only ever moves one step forward:
 * {@code DRAFT → OPEN → CLOSED → TALLIED → PUBLISHED}. Budget, rule, ballot format and proposals can be
 * changed in {@code DRAFT} only, so the conditions residents vote under are fixed before the first vote.
 */
public enum ElectionState {
    /** Being configured by its organisers; not visible to residents. */
    DRAFT,
    /** Voting; configuration frozen. */
    OPEN,
    /** No more ballots accepted. */
    CLOSED,
    /** Outcome computed and reviewable by staff. */
    TALLIED,
    /** Outcome and audit bundle public. */
    PUBLISHED;

    /** Whether {@code target} is the one state that may follow this one. */
    public boolean canMoveTo(ElectionState target) {
        return target.ordinal() == ordinal() + 1;
    }
}
