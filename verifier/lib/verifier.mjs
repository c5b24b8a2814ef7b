// The verifier's entry point for node and the browser alike: bytes in, report out. Nothing is sent anywhere.
import { readZip } from './zip.mjs';
import { FormatError } from './json.mjs';
import { verifyFiles, unreadable, CHECKS } from './checks.mjs';

export { CHECKS };

/** Verifies a bundle zip (Uint8Array). options: {expectKey, receipt: Uint8Array}. */
export async function verifyZip(zipBytes, options = {}) {
  let files;
  try {
    files = readZip(zipBytes);
  } catch (err) {
    if (err instanceof FormatError) return unreadable('bundle zip: ' + err.message);
    throw err;
  }
  return verifyFiles(files, options);
}

/** Verifies a bundle given as its files (a Map name -> Uint8Array), e.g. an unpacked directory. */
export async function verifyDirectory(files, options = {}) {
  return verifyFiles(files, options);
}

/** The report as text lines, as `budget verify` prints them. */
export function reportLines(report) {
  const lines = report.results.map((r) => `${r.status.padEnd(7)} ${r.check.padEnd(25)} ${r.verdict}`);
  lines.push(summary(report));
  return lines;
}

export function summary(report) {
  const failed = report.results.filter((r) => r.status === 'FAIL');
  if (failed.length) {
    return `REJECTED: ${failed[0].check} failed` + (failed.length > 1 ? ` (and ${failed.length - 1} more)` : '') + ': ' + failed[0].verdict;
  }
  const skipped = report.results.filter((r) => r.status === 'SKIPPED').map((r) => r.check);
  return 'VERIFIED: every check passed' + (skipped.length ? '; not done: ' + skipped.join(', ') : '');
}

export function reportJson(report) {
  return {
    checks: report.results.map((r) => ({ check: r.check, exitCode: r.exitCode, status: r.status, verdict: r.verdict })),
    exitCode: report.exitCode, summary: summary(report), verified: report.verified,
  };
}
