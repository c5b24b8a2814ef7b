// For the Java cross-implementation tests: verifies every bundle listed in a cases file and prints one
// JSON line per bundle with each check's status and the exit code.
// cases.json: [{"name", "bundle": path, "expectKey": fp|null, "receipt": path|null}]
import { readFileSync } from 'node:fs';
import { verifyPath } from '../node-io.mjs';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const c of cases) {
  const receipt = c.receipt ? new Uint8Array(readFileSync(c.receipt)) : null;
  let line;
  try {
    const r = await verifyPath(c.bundle, { expectKey: c.expectKey, receipt });
    line = { name: c.name, exitCode: r.exitCode, checks: r.results.map((x) => x.check + '=' + x.status), verdicts: r.results.map((x) => x.verdict) };
  } catch (err) {
    line = { name: c.name, crash: String(err && err.stack || err) };
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}
