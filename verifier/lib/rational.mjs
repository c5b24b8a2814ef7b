// Exact arithmetic on BigInt: fractions in lowest terms with a positive denominator, written as
// "n" or "n/d" (spec section R.1).

export function gcd(a, b) {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    [a, b] = [b, a % b];
  }
  return a;
}

/** The fraction num/den as text, in lowest terms: "7/3", "-2", "0". */
export function frac(num, den) {
  if (den === 0n) throw new RangeError('denominator is zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  if (num === 0n) return '0';
  return den === 1n ? num.toString() : num + '/' + den;
}

/** Floor division for BigInt (JavaScript's / truncates towards zero). */
export function floorDiv(a, b) {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Java's Character.isWhitespace, for String.strip() and isBlank(). */
export function isJavaWhitespace(ch) {
  const c = ch.codePointAt(0);
  if (c === 0xa0 || c === 0x2007 || c === 0x202f) return false;
  if ((c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20)) return true;
  return /^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(ch);
}

export function javaStrip(s) {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && isJavaWhitespace(chars[a])) a++;
  while (b > a && isJavaWhitespace(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

export function isJavaBlank(s) {
  return javaStrip(s).length === 0;
}

/** Java's String.compareTo: UTF-16 code units, which is JavaScript's default string order. */
export function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
