/**
 * The allocation rules, one class each behind {@link nl.buurtbegroting.core.rules.AllocationRule},
 * named by {@link nl.buurtbegroting.core.rules.RuleName}. Rules take options in their constructor
 * and the election as an argument, decide with exact integers and rationals only, and return an
 * outcome with a decision for every project. (Equal Shares uses floating point only as a filter: an
 * estimate that is verified exactly, or an interval run that proves its outcome or hands over to the
 * exact run; see {@code EqualSharesEngine} and
 * {@code IntervalEqualShares}.)
 */
package nl.buurtbegroting.core.rules;
