package nl.buurtbegroting.core.validation;

/** Stable codes of what can be wrong with a ballot; the API and the CLI show them as they are. */
public enum ViolationCode {
    /** The ballot names a project the election does not have. */
    UNKNOWN_PROJECT,
    /** The ballot names a project more than once. */
    DUPLICATE_PROJECT,
    /** The ballot names a project that was not admitted to the vote. */
    NOT_ELIGIBLE_PROJECT,
    /** Fewer projects than the election's minimum (choose-one: none). */
    TOO_FEW_PROJECTS,
    /** More projects than the election's maximum (choose-one: more than one). */
    TOO_MANY_PROJECTS,
    /** The chosen projects cost more than the ballot may spend (knapsack ballot). */
    OVER_COST_LIMIT,
    /** The chosen projects cost less than the ballot must spend. */
    UNDER_COST_LIMIT,
    /** A cumulative ballot without points, or a number of points unlike the number of projects. */
    POINTS_MISMATCH,
    /** Points given on a ballot format that has none. */
    POINTS_NOT_ALLOWED,
    /** A project got fewer points than allowed (negative, or under the minimum per project). */
    POINTS_BELOW_MINIMUM,
    /** A project got more points than allowed. */
    POINTS_ABOVE_MAXIMUM,
    /** The ballot hands out more points than allowed in total. */
    TOO_MANY_POINTS,
    /** The ballot hands out fewer points than required in total. */
    TOO_FEW_POINTS
}
