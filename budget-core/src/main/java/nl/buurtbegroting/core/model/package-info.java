/**
 * The field's vocabulary as immutable values: a {@link nl.buurtbegroting.core.model.Project}, an
 * {@link nl.buurtbegroting.core.model.Instance} (budget, projects, caps, ballot rules, no ballots),
 * the sealed family of {@link nl.buurtbegroting.core.model.Ballot} kinds, a
 * {@link nl.buurtbegroting.core.model.Profile} of ballots and an {@link nl.buurtbegroting.core.model.Election}
 * that pairs the two. Amounts are exact integers in the election's currency unit.
 */
package nl.buurtbegroting.core.model;
