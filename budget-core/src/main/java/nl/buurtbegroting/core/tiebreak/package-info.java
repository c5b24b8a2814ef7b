/**
 * Tie-breaking as an explicit, recorded policy: {@link nl.buurtbegroting.core.tiebreak.TieBreaking}
 * turns projects into one strict order that rules consult only when their own measure ties.
 */
package nl.buurtbegroting.core.tiebreak;
