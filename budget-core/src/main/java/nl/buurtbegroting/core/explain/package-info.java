/**
 * Plain-language explanations of an outcome: for every project, why it was or was not funded, in
 * Dutch or English at B1 level (short sentences, everyday words, amounts in euros written the Dutch
 * or English way). {@link nl.buurtbegroting.core.explain.Explainer} writes an
 * {@link nl.buurtbegroting.core.explain.Explanation} (headline, body with the figures, the rule in one
 * sentence) from the structured data of an {@link nl.buurtbegroting.core.outcome.Outcome} only, never
 * from a rule's internals, so that an explanation always matches the published result. Exact amounts
 * are rounded to cents here, for display only.
 */
package nl.buurtbegroting.core.explain;
