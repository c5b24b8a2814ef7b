/**
 * One-time voting codes: 16 Crockford base-32 symbols (80 random bits) and a Damm check symbol over
 * GF(32) that catches every single wrong symbol and every swap of two neighbours; a forgiving parser
 * that tells a typo from a wrong code; and the keyed hash (HMAC-SHA-256 under a key kept outside the
 * database) that is all the database ever holds of a code. Pure Java apart from the key loading.
 */
package nl.buurtbegroting.service.codes;
