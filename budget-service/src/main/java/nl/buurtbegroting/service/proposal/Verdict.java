package nl.buurtbegroting.service.proposal;

/** The eligibility verdict on a proposal; an election opens only when none is PENDING. */
public enum Verdict {
    /** Not assessed yet. */
    PENDING,
    /** Admitted to the vote. */
    ELIGIBLE,
    /** Not admitted; the proposal carries a public reason. */
    INELIGIBLE
}
