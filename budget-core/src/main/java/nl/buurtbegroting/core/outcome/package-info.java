/**
 * What a rule returns: an {@link nl.buurtbegroting.core.outcome.Outcome} with a
 * {@link nl.buurtbegroting.core.outcome.Decision} for every project (funded, does not fit, below the
 * threshold, not eligible, over a category cap, incompatible, not affordable...), and the
 * {@link nl.buurtbegroting.core.outcome.TieBreak ties} that decided anything. Explanations are written
 * from this data, never from the rule's internals.
 */
package nl.buurtbegroting.core.outcome;
