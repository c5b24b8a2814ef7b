// The bundle zip (spec section 2.1): read the stored entries, then require that writing those files
// again gives exactly the same bytes.
import { FormatError } from './json.mjs';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u2 = (b, at) => b[at] | (b[at + 1] << 8);
const u4 = (b, at) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const LOCAL = 0x04034b50;

export const MAX_ENTRIES = 64;
const MAX_FILE_BYTES = 512 * 1024 * 1024;

function compareNames(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical zip of the files (a Map name -> bytes). */
export function writeZip(files) {
  const names = [...files.keys()].sort(compareNames);
  const enc = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  const header = (sig, name, data, crc, extra) => {
    const n = enc.encode(name);
    const h = new Uint8Array((sig === 0x02014b50 ? 46 : 30) + n.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, sig, true);
    let at = 4;
    if (sig === 0x02014b50) {
      v.setUint16(at, 10, true);
      at += 2;
    }
    v.setUint16(at, 10, true); // version needed
    v.setUint16(at + 2, 0, true); // flags
    v.setUint16(at + 4, 0, true); // stored
    v.setUint16(at + 6, 0, true); // time
    v.setUint16(at + 8, 0x0041, true); // 1980-02-01
    v.setUint32(at + 10, crc, true);
    v.setUint32(at + 14, data.length, true);
    v.setUint32(at + 18, data.length, true);
    v.setUint16(at + 22, n.length, true);
    v.setUint16(at + 24, 0, true);
    at += 26;
    if (sig === 0x02014b50) {
      v.setUint32(at + 12 - 12, 0, true); // comment length + disk number
      v.setUint16(at + 4, 0, true);
      v.setUint32(at + 6, 0, true);
      v.setUint32(at + 10, extra, true);
      at += 14;
    }
    h.set(n, at);
    return h;
  };
  for (const name of names) {
    const data = files.get(name);
    const crc = crc32(data);
    const local = header(LOCAL, name, data, crc);
    central.push(header(0x02014b50, name, data, crc, offset));
    parts.push(local, data);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, names.length, true);
  v.setUint16(10, names.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads a bundle zip; throws FormatError unless it is the canonical zip of its files. */
export function readZip(zip) {
  const files = new Map();
  let pos = 0;
  while (pos + 4 <= zip.length && u4(zip, pos) === LOCAL) {
    if (pos + 30 > zip.length) throw new FormatError(`damaged zip: truncated file header at byte ${pos}`);
    if (files.size >= MAX_ENTRIES) throw new FormatError(`more than ${MAX_ENTRIES} entries`);
    const method = u2(zip, pos + 8);
    const crc = u4(zip, pos + 14);
    const size = u4(zip, pos + 18);
    const stored = u4(zip, pos + 22);
    const nameLength = u2(zip, pos + 26);
    const extraLength = u2(zip, pos + 28);
    if (method !== 0) throw new FormatError(`compressed entry at byte ${pos}: a bundle zip stores its files; unpack it and verify the directory`);
    if (size !== stored || size > MAX_FILE_BYTES) throw new FormatError(`damaged zip: impossible entry size at byte ${pos}`);
    const nameAt = pos + 30;
    const dataAt = nameAt + nameLength + extraLength;
    if (dataAt + size > zip.length) throw new FormatError(`damaged zip: entry runs past the end at byte ${pos}`);
    const name = new TextDecoder().decode(zip.subarray(nameAt, nameAt + nameLength));
    const data = zip.slice(dataAt, dataAt + size);
    if (crc32(data) !== crc) throw new FormatError(`damaged zip: ${name} does not match its CRC`);
    if (files.has(name)) throw new FormatError(`${name} appears twice in the zip`);
    files.set(name, data);
    pos = dataAt + size;
  }
  if (files.size === 0) throw new FormatError('not a zip, or an empty one');
  for (const name of files.keys()) {
    if (name === '' || name.includes('/') || name.includes('\\') || name === '.' || name === '..' || /[\u0000-\u001f]/.test(name)) {
      throw new FormatError(`${name}: not a plain file name`);
    }
  }
  const canonical = writeZip(files);
  if (canonical.length !== zip.length || canonical.some((b, i) => b !== zip[i])) {
    throw new FormatError('not the canonical zip of its files (changed zip headers, directory or trailing data); unpack it and verify the directory');
  }
  return files;
}
