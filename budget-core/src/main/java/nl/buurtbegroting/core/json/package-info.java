/**
 * The one JSON toolkit of the project: {@link nl.buurtbegroting.core.json.JsonWriter} writes a value either in the
 * canonical form every bundle file and signed text uses (RFC 8785 without floating point: sorted members, no
 * whitespace, minimal escapes) or readably for people (indented, plain ASCII), and
 * {@link nl.buurtbegroting.core.json.JsonParser} reads JSON strictly (no duplicate member names, no lone
 * surrogates, numbers kept exact) and says where a text goes wrong. Values are plain Java: maps, lists, strings,
 * {@code Long}/{@code BigInteger}, {@code BigDecimal} (readable mode and parser only), booleans and null.
 */
package nl.buurtbegroting.core.json;
