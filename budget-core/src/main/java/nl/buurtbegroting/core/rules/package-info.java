/**
 * The allocation rules, one class each behind {@link nl.buurtbegroting.core.rules.AllocationRule},
 * named by {@link nl.buurtbegroting.core.rules.RuleName}. Rules take options in their constructor
 * and the election as an argument, decide with exact integers and rationals only, and return an
 * outcome with a decision for every project.
 */
package nl.buurtbegroting.core.rules;
