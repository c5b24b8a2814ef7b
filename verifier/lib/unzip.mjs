// Unpacking any ordinary zip (stored or deflated), for a bundle that was unpacked and packed again by
// another program: its files can still be verified as a directory (docs/verification.md §2.1). Uses
// DecompressionStream('deflate-raw'), which browsers and node 20 both have. The canonical zip itself is
// read by zip.mjs.
import { FormatError } from './json.mjs';
import { crc32, MAX_ENTRIES } from './zip.mjs';

const u2 = (b, at) => b[at] | (b[at + 1] << 8);
const u4 = (b, at) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const MAX_FILE_BYTES = 512 * 1024 * 1024;

async function inflateRaw(bytes, limit) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new FormatError('an entry unpacks to more than its stated size');
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The files of a zip (a Map name -> bytes), read through its central directory; folders are skipped. */
export async function unpackZip(zip) {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (u4(zip, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new FormatError('not a zip');
  const count = u2(zip, end + 10);
  let pos = u4(zip, end + 16);
  if (count > MAX_ENTRIES) throw new FormatError(`more than ${MAX_ENTRIES} entries`);
  const files = new Map();
  for (let k = 0; k < count; k++) {
    if (pos + 46 > zip.length || u4(zip, pos) !== 0x02014b50) throw new FormatError('damaged zip directory');
    const method = u2(zip, pos + 10);
    const crc = u4(zip, pos + 16);
    const packed = u4(zip, pos + 20);
    const size = u4(zip, pos + 24);
    const nameLength = u2(zip, pos + 28);
    const extraLength = u2(zip, pos + 30);
    const commentLength = u2(zip, pos + 32);
    const local = u4(zip, pos + 42);
    let name = new TextDecoder().decode(zip.subarray(pos + 46, pos + 46 + nameLength));
    pos += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    name = name.substring(name.lastIndexOf('/') + 1); // a folder around the files is fine
    if (name.startsWith('.') || name === '') continue; // e.g. macOS ._ files
    if (size > MAX_FILE_BYTES || local + 30 > zip.length || u4(zip, local) !== 0x04034b50) throw new FormatError(`damaged zip entry ${name}`);
    const dataAt = local + 30 + u2(zip, local + 26) + u2(zip, local + 28);
    const raw = zip.subarray(dataAt, dataAt + packed);
    let data;
    if (method === 0) data = raw.slice();
    else if (method === 8) data = await inflateRaw(raw, size);
    else throw new FormatError(`${name}: unknown compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new FormatError(`${name} does not match its CRC`);
    if (files.has(name)) throw new FormatError(`${name} appears twice in the zip`);
    files.set(name, data);
  }
  if (files.size === 0) throw new FormatError('an empty zip');
  return files;
}
