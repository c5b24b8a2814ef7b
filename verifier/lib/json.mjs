// Canonical JSON (spec section 1): a strict reader and the canonical writer. Integers are BigInt.

export class FormatError extends Error {}

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

/** Parses JSON text strictly: no floats, no duplicate names, integers within 64 bits. */
export function parseJson(text, name = 'JSON') {
  let i = 0;
  const fail = (why) => {
    throw new FormatError(`${name}: ${why} at character ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (depth) => {
    if (depth > 64) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = Object.create(null);
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a member name');
        const k = string();
        if (Object.prototype.hasOwnProperty.call(obj, k)) fail(`duplicate member "${k}"`);
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        obj[k] = value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.substring(i, i + 400));
    if (!m) fail('unexpected character');
    if (m[2] || m[3]) fail('floating-point numbers are not allowed');
    const v = BigInt(m[0]);
    if (v > MAX || v < MIN) fail('integer out of range');
    i += m[0].length;
    return v;
  };
  const string = () => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      if (c === '"') {
        i++;
        break;
      }
      if (c < ' ') fail('control character in a string');
      if (c === '\\') {
        const n = text[i + 1];
        const map = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (n in map) {
          out += map[n];
          i += 2;
        } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.substring(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.substring(i + 2, i + 6), 16));
          i += 6;
        } else fail('bad escape');
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  const v = value(0);
  ws();
  if (i !== text.length) fail('text after the value');
  checkSurrogates(v, fail);
  return v;
}

function checkSurrogates(v, fail) {
  const bad = (s) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
  if (typeof v === 'string') {
    if (bad(v)) fail('lone surrogate');
  } else if (Array.isArray(v)) {
    v.forEach((x) => checkSurrogates(x, fail));
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (bad(k)) fail('lone surrogate');
      checkSurrogates(v[k], fail);
    }
  }
}

function quote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** The canonical text of a value: members sorted by UTF-16 code units, no whitespace. */
export function canonical(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new FormatError('not an integer: ' + v);
    return String(v);
  }
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  const keys = Object.keys(v).sort();
  return '{' + keys.map((k) => quote(k) + ':' + canonical(v[k])).join(',') + '}';
}

const utf8 = new TextEncoder();

export function canonicalBytes(v) {
  return utf8.encode(canonical(v));
}

export function canonicalFile(v) {
  return utf8.encode(canonical(v) + '\n');
}

/** Reads a bundle file: valid UTF-8, strict JSON, and byte for byte canonical with one final newline. */
export function readCanonicalFile(name, bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FormatError(`${name}: not valid UTF-8`);
  }
  if (!text.endsWith('\n')) throw new FormatError(`${name}: must end with exactly one newline`);
  const v = parseJson(text.substring(0, text.length - 1), name);
  const again = canonicalFile(v);
  if (again.length !== bytes.length || again.some((b, k) => b !== bytes[k])) {
    throw new FormatError(`${name}: not in canonical form (section 1)`);
  }
  return v;
}
