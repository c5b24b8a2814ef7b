/**
 * Exact arithmetic for the rules: {@link nl.buurtbegroting.core.arith.Rational}, an immutable
 * fraction in lowest terms. Rules decide on integers and rationals only; floating point is for
 * display, so that an outcome is the same on every machine that recomputes it.
 */
package nl.buurtbegroting.core.arith;
