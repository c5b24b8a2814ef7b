package nl.buurtbegroting.service.codes;

/** Why a typed code was not accepted, before any database look-up. */
public enum CodeProblem {
    /** Wrong length or characters outside the alphabet: not a code at all. */
    CODE_MALFORMED,
    /** Seventeen good symbols whose check symbol does not match: almost surely a typing mistake. */
    CODE_TYPO
}
