// The page verifier: the same module as `node verifier/verify.mjs`, run on the resident's own device.
// A bundle comes from a file the resident chooses, or from a same-origin URL (?bundle=/path.zip);
// nothing is sent anywhere.
import { verifyZip, verifyDirectory } from '../lib/verifier.mjs';
import { normalizeFingerprint } from '../lib/checks.mjs';
import { unpackZip } from '../lib/unzip.mjs';
import { TEXTS } from './texts.mjs';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nl';

const T = TEXTS[lang];

const $ = (id) => document.getElementById(id);

function texts() {
  document.documentElement.lang = lang;
  document.title = T.title;
  $('title').textContent = T.title;
  $('intro').textContent = T.intro;
  $('bundle-label').textContent = T.bundle;
  $('key-label').textContent = T.key;
  $('key-hint').textContent = T.keyHint;
  $('receipt-label').textContent = T.receipt;
  $('go').textContent = T.go;
  $('footer').textContent = T.footer;
  const a = $('switch-lang');
  const next = new URLSearchParams(location.search);
  next.set('lang', T.otherLang);
  a.textContent = T.other;
  a.href = '?' + next.toString();
  a.hreflang = T.otherLang;
  a.lang = T.otherLang;
}

async function bytesOf(file) {
  return new Uint8Array(await file.arrayBuffer());
}

function show(report, keyGiven, note) {
  const list = $('checks');
  list.replaceChildren();
  for (const r of report.results) {
    const li = document.createElement('li');
    li.className = r.status;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = T.status[r.status] + ': ';
    const what = document.createElement('span');
    what.textContent = T.checks[r.check] || r.check;
    const details = document.createElement('details');
    const sum = document.createElement('summary');
    sum.textContent = T.technical;
    const code = document.createElement('p');
    code.className = 'mono';
    code.lang = 'en';
    code.textContent = `${r.status} ${r.check} (${r.exitCode}): ${r.verdict}`;
    details.append(sum, code);
    li.append(status, what, details);
    list.append(li);
  }
  $('verdict').textContent = (!report.verified ? T.bad : keyGiven ? T.ok : T.okNoKey) + (note ? ' ' + note : '');
  $('result').hidden = false;
  // In the reader's words; the technical summary line is in each check's details.
  const count = (s) => report.results.filter((r) => r.status === s).length;
  $('status').textContent = T.counts(count('PASS'), count('FAIL'), count('SKIPPED'));
  $('verdict').focus?.();
}

async function run(source) {
  const keyText = $('key').value.trim();
  const key = normalizeFingerprint(keyText);
  $('key-error').hidden = true;
  if (key !== null && !/^[0-9a-f]{64}$/.test(key)) {
    $('key-error').textContent = T.keyError;
    $('key-error').hidden = false;
    $('key').setAttribute('aria-invalid', 'true');
    $('key').focus();
    return;
  }
  $('key').removeAttribute('aria-invalid');
  const receiptFile = $('receipt').files[0];
  const options = { expectKey: key, receipt: receiptFile ? await bytesOf(receiptFile) : null };
  $('result').hidden = true;
  $('status').textContent = T.busy;
  let report;
  let note = '';
  if (source.zip) {
    report = await verifyZip(source.zip, options);
    const first = report.results[0];
    if (first.status === 'FAIL' && /canonical zip|compressed entry/.test(first.verdict)) {
      // packed again by another tool: the spec allows checking its files as a directory
      try {
        report = await verifyDirectory(await unpackZip(source.zip), options);
        note = T.repacked;
      } catch {
        // not a zip we can unpack either: keep the first report
      }
    }
  } else {
    const files = new Map();
    for (const f of source.files) files.set(f.name, await bytesOf(f));
    report = await verifyDirectory(files, options);
  }
  show(report, key !== null, note);
}

async function fromUrl(path) {
  const url = new URL(path, location.href);
  if (url.origin !== location.origin) throw new Error('only bundles from this site are fetched');
  $('status').textContent = T.fetching;
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

texts();
if (params.get('key')) $('key').value = params.get('key');
$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = [...$('bundle').files];
  try {
    if (chosen.length === 0 && params.get('bundle')) {
      await run({ zip: await fromUrl(params.get('bundle')) });
    } else if (chosen.length === 1 && !chosen[0].name.endsWith('.json') && chosen[0].name !== 'SHA256SUMS') {
      await run({ zip: await bytesOf(chosen[0]) });
    } else if (chosen.length > 0) {
      await run({ files: chosen });
    } else {
      $('status').textContent = T.noFile;
      $('bundle').focus();
    }
  } catch (err) {
    $('status').textContent = `${T.fetchFailed}: ${err.message}`;
  }
});
if (params.get('bundle') && params.get('auto') === '1') $('form').requestSubmit();
