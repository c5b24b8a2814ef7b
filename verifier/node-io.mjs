// Reading a bundle from disk in node: a zip, or a directory holding the files.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyZip, verifyDirectory } from './lib/verifier.mjs';
import { unreadable, FILE_NAMES } from './lib/checks.mjs';

const MAX_ENTRIES = 64;

export async function verifyPath(path, options) {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    return unreadable(`cannot read ${path}: ${err.message}`);
  }
  if (!info.isDirectory()) return verifyZip(new Uint8Array(await readFile(path)), options);
  const files = new Map();
  for (const name of (await readdir(path)).sort()) {
    const p = join(path, name);
    if ((await stat(p)).isDirectory()) return unreadable(`${path}: ${name}: a bundle holds files only, no directories`);
    if (files.size >= MAX_ENTRIES) return unreadable(`${path}: more than ${MAX_ENTRIES} files`);
    files.set(name, new Uint8Array(await readFile(p)));
  }
  if (files.size === 0) return unreadable(`${path}: empty directory`);
  return verifyDirectory(files, options);
}

export { FILE_NAMES };
