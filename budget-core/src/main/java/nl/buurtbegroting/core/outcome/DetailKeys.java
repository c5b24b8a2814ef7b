package nl.buurtbegroting.core.outcome;

/**
 * The names of the entries of {@link Outcome#details()} and {@link ProjectResult#details()} that readers of an
 * outcome rely on (the explanations, the bundle's verifiers, the pages). Values are text: whole numbers in
 * decimal, exact fractions as {@code "n/d"}. A rule writes only the keys that apply to it; a reader treats a
 * missing key as "not known".
 */
public final class DetailKeys {

    private DetailKeys() {
    }

    // ---- outcome level, every rule

    /** Number of ballots counted. */
    public static final String VOTERS = "voters";
    /** The ballot format, as Pabulib's {@code vote_type} names it. */
    public static final String VOTE_TYPE = "voteType";
    /** ISO currency code of the amounts, when the election states one. */
    public static final String CURRENCY = "currency";

    // ---- outcome level, some rules

    /** Knapsack: the total support of the funded set (the largest that fits). */
    public static final String WELFARE = "welfare";
    /** Equal Shares with the add-one completion: the budget the search started from (a whole amount). */
    public static final String FIRST_SHARE = "firstShare";
    /** Equal Shares with the add-one completion: the budget the outcome was computed with (a whole amount). */
    public static final String SHARE = "share";
    /** Equal Shares without the add-one completion: the money each voter started with, budget over voters (exact). */
    public static final String START_SHARE = "startShare";

    /** Equal Shares with the add-one completion: why the search for a larger budget stopped. */
    public static final String STOP = "stop";

    /** Equal Shares with a completion: what Equal Shares itself spent before the completion step. */
    public static final String MES_COST = "mesCost";

    /** Districts: prefix of every detail of one district's own count, {@code district.<name>.<key>}. */
    public static final String DISTRICT_PREFIX = "district.";

    /** Districts: what one district's count spent ({@code district.<name>.spent}), after the prefix and name. */
    public static final String DISTRICT_SPENT = "spent";

    // ---- per project, Equal Shares

    /** The decision Equal Shares itself took before a completion step funded or refused the project. */
    public static final String MES_DECISION = "mesDecision";
    /** How many supporters paid for a funded project. */
    public static final String PAYERS = "payers";
    /** The least one payer paid (exact fraction). */
    public static final String MIN_PAYMENT = "minPayment";
    /** The most one payer paid (exact fraction). */
    public static final String MAX_PAYMENT = "maxPayment";
    /** How many payers paid their full share. */
    public static final String PAID_FULL_SHARE = "paidFullShare";
    /** The payments, as {@code count x amount} entries separated by {@code ;}. */
    public static final String PAYMENTS = "payments";
    /** For a project not afforded: the funded projects its supporters spent on, as {@code id:amount} entries (most first) separated by {@code ;}. */
    public static final String SPENT_ON = "spentOn";

    /** The price per unit of support at which the project was bought (exact). */
    public static final String RHO = "rho";

    /** Per project (unweighted ballots): the equal share of its cost each payer was asked for (exact). */
    public static final String PROJECT_SHARE = "share";

    /** How many payers paid all the money they had left, less than the full share. */
    public static final String PAID_ALL_THEY_HAD = "paidAllTheyHad";

    /** For a project not afforded: what its supporters still had together (exact). */
    public static final String AVAILABLE = "available";

    /** For a project not afforded: what its supporters lacked to buy it (exact). */
    public static final String LACKING = "lacking";

    // ---- per project, Phragmen

    /** The load of the project's approvers after it was funded (or, for the project that stopped the rule, would have been), exact. */
    public static final String LOAD = "load";
}
