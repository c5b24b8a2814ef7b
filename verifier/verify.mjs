#!/usr/bin/env node
// node verifier/verify.mjs BUNDLE [--expect-key FINGERPRINT | --no-key-check] [--receipt RECEIPT.json] [--format text|json]
// The second verifier, written from docs/spec: the same checks and exit codes as `budget verify`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { verifyPath } from './node-io.mjs';
import { reportLines, reportJson } from './lib/verifier.mjs';
import { normalizeFingerprint } from './lib/checks.mjs';

const USAGE = 'usage: node verifier/verify.mjs BUNDLE [--expect-key FINGERPRINT | --no-key-check] [--receipt RECEIPT.json] [--format text|json]';

function usage(message) {
  process.stderr.write(message + '\n' + USAGE + '\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let bundle = null;
let expectKey = null;
let receiptPath = null;
let noKeyCheck = false;
let format = 'text';
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    if (i + 1 >= args.length) usage(`${a} needs a value`);
    return args[++i];
  };
  if (a === '--expect-key') expectKey = value();
  else if (a.startsWith('--expect-key=')) expectKey = a.substring(13);
  else if (a === '--receipt') receiptPath = value();
  else if (a.startsWith('--receipt=')) receiptPath = a.substring(10);
  else if (a === '--format') format = value();
  else if (a.startsWith('--format=')) format = a.substring(9);
  else if (a === '--no-key-check') noKeyCheck = true;
  else if (a === '-h' || a === '--help') {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  } else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (bundle === null) bundle = a;
  else usage(`unexpected argument ${a}`);
}
if (bundle === null) usage('give the bundle to verify');
if (format !== 'text' && format !== 'json') usage(`--format is text or json, not ${format}`);
if (expectKey !== null && !/^[0-9a-f]{64}$/.test(normalizeFingerprint(expectKey) || '')) {
  usage(`--expect-key must be 64 hex digits (SHA-256 of the public key), not '${expectKey}'`);
}
if (expectKey !== null && noKeyCheck) usage('give either --expect-key or --no-key-check, not both');
if (!existsSync(bundle)) {
  process.stderr.write(`${bundle}: no such file or directory\n`);
  process.exit(3);
}
let receipt = null;
if (receiptPath !== null) {
  if (!existsSync(receiptPath) || !statSync(receiptPath).isFile()) {
    process.stderr.write(`${receiptPath}: no such file\n`);
    process.exit(3);
  }
  receipt = new Uint8Array(readFileSync(receiptPath));
}
const report = await verifyPath(bundle, { expectKey, receipt });
// A valid signature without a trusted key proves only that someone signed: not a success (spec section 4),
// worded and coded as `budget verify` does.
const keyUnchecked = report.exitCode === 0 && expectKey === null && !noKeyCheck;
const UNCHECKED_KEY = 'NOT VERIFIED: every other check passed, but the signing key was not checked:'
  + " give --expect-key with the municipality's published fingerprint (or --no-key-check to accept any key)";
if (format === 'json') {
  const json = reportJson(report);
  if (keyUnchecked) {
    json.verified = false;
    json.exitCode = 13;
    json.keyChecked = false;
  }
  process.stdout.write(JSON.stringify(json) + '\n');
} else {
  const lines = reportLines(report);
  if (keyUnchecked) lines[lines.length - 1] = UNCHECKED_KEY;
  process.stdout.write(lines.join('\n') + '\n');
}
process.exit(keyUnchecked ? 13 : report.exitCode);
