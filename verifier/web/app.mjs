// The page verifier: the same module as `node verifier/verify.mjs`, run on the resident's own device.
// A bundle comes from a file the resident chooses, or from a same-origin URL (?bundle=/path.zip);
// nothing is sent anywhere.
import { verifyZip, verifyDirectory, summary } from '../lib/verifier.mjs';
import { normalizeFingerprint } from '../lib/checks.mjs';
import { unpackZip } from '../lib/unzip.mjs';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nl';

const T = {
  nl: {
    title: 'Controleer de uitslag zelf',
    intro: 'Kies het controlebestand (audit-bundel, een .zip) van de verkiezing. Uw eigen apparaat controleert alles en rekent de uitslag opnieuw uit. Er wordt niets verstuurd.',
    bundle: 'Controlebestand (.zip), of alle bestanden uit de uitgepakte map',
    key: 'Vingerafdruk van de sleutel, zoals de gemeente die publiceert (aanbevolen)',
    keyHint: '64 tekens (0-9, a-f). Zonder vingerafdruk ziet u alleen dát iemand de bundel ondertekende, niet wie.',
    keyError: 'Een vingerafdruk is 64 tekens: de cijfers 0-9 en de letters a-f.',
    receipt: 'Uw stembewijs (receipt, .json), als u wilt zien dat uw stem is meegeteld (niet verplicht)',
    go: 'Controleer',
    footer: 'Hoe de controle werkt staat in de specificatie (docs/spec) van Buurtbegroting.',
    other: 'English', otherHref: '?lang=en', otherLang: 'en',
    noFile: 'Kies eerst het controlebestand.',
    busy: 'Bezig met controleren en opnieuw uitrekenen…',
    fetching: 'Het controlebestand wordt opgehaald…',
    fetchFailed: 'Het controlebestand kon niet worden opgehaald',
    ok: 'Alles klopt: de uitslag is gecontroleerd op uw eigen apparaat.',
    okNoKey: 'Alles klopt, maar de sleutel is niet vergeleken met de vingerafdruk van de gemeente: vul die in om zeker te weten wie de bundel ondertekende.',
    bad: 'Er klopt iets niet. Hieronder staat wat.',
    status: { PASS: 'Klopt', FAIL: 'Klopt niet', SKIPPED: 'Niet gecontroleerd' },
    technical: 'Technische uitleg',
    repacked: 'Dit zip-bestand is opnieuw ingepakt door een ander programma. De bestanden erin zijn gecontroleerd, zoals bij een uitgepakte map.',
    checks: {
      FILES_PRESENT: 'Het bestand is te lezen en alle onderdelen zijn er, zonder extra bestanden.',
      CHECKSUMS: 'Geen enkel onderdeel is veranderd sinds de lijst met controlegetallen werd gemaakt.',
      SIGNATURE: 'De lijst met controlegetallen is ondertekend met de sleutel in de bundel.',
      KEY_TRUSTED: 'Die sleutel is de sleutel die de gemeente publiceerde.',
      SCHEMA: 'Elk onderdeel heeft precies de vorm die de specificatie voorschrijft.',
      EVENT_CHAIN: 'Het logboek van de verkiezing is compleet en in de goede volgorde; niets is weggehaald.',
      MERKLE_ROOT: 'De gepubliceerde stemmen zijn precies de stemmen waarop de gemeente zich vastlegde.',
      BALLOTS_UNIQUE: 'Elke stem telt één keer: geen stem staat er dubbel in.',
      BALLOTS_MATCH_USED_CODES: 'Er zijn evenveel stemmen als gebruikte stemcodes.',
      BALLOTS_VALID: 'Elke stem volgt de regels van deze verkiezing.',
      OUTCOME_RECOMPUTED: 'Uw apparaat heeft de uitslag opnieuw uitgerekend uit de stemmen: precies dezelfde uitslag.',
      RECEIPT_INCLUDED: 'Uw stem (van uw stembewijs) is meegeteld.',
    },
  },
  en: {
    title: 'Check the result yourself',
    intro: "Choose the election's audit bundle (a .zip). Your own device checks everything and counts the result again. Nothing is sent anywhere.",
    bundle: 'Audit bundle (.zip), or all files of the unpacked folder',
    key: 'Fingerprint of the key, as the municipality publishes it (recommended)',
    keyHint: 'Without it you only see that someone signed the bundle, not who. 64 characters (0-9, a-f).',
    keyError: 'A fingerprint is 64 characters: the digits 0-9 and the letters a-f.',
    receipt: 'Your receipt (.json), to see that your vote was counted (optional)',
    go: 'Check',
    footer: 'How the check works is written in the Buurtbegroting specification (docs/spec).',
    other: 'Nederlands', otherHref: '?lang=nl', otherLang: 'nl',
    noFile: 'Choose the audit bundle first.',
    busy: 'Checking and counting again…',
    fetching: 'Fetching the audit bundle…',
    fetchFailed: 'The audit bundle could not be fetched',
    ok: 'Everything is right: the result was checked on your own device.',
    okNoKey: "Everything is right, but the key was not compared with the municipality's fingerprint: fill it in to be sure who signed the bundle.",
    bad: 'Something is wrong. See below what.',
    status: { PASS: 'Right', FAIL: 'Wrong', SKIPPED: 'Not checked' },
    technical: 'Technical details',
    repacked: 'This zip was packed again by another program. The files inside it were checked, as for an unpacked folder.',
    checks: {
      FILES_PRESENT: 'The file can be read and has every part, and no extra files.',
      CHECKSUMS: 'No part has changed since the list of checksums was made.',
      SIGNATURE: "The list of checksums is signed with the bundle's key.",
      KEY_TRUSTED: 'That key is the one the municipality published.',
      SCHEMA: 'Every part has exactly the form the specification prescribes.',
      EVENT_CHAIN: "The election's log is complete and in order; nothing was removed.",
      MERKLE_ROOT: 'The published votes are exactly the votes the municipality committed to.',
      BALLOTS_UNIQUE: 'Every vote counts once: no vote appears twice.',
      BALLOTS_MATCH_USED_CODES: 'There are as many votes as voting codes used.',
      BALLOTS_VALID: "Every vote follows this election's rules.",
      OUTCOME_RECOMPUTED: 'Your device counted the result again from the votes: exactly the same result.',
      RECEIPT_INCLUDED: 'Your vote (from your receipt) was counted.',
    },
  },
}[lang];

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
  $('status').textContent = summary(report);
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
