/* Buurtbegroting resident pages: small enhancements on top of pages that work without JavaScript.
   - the code from the letter's link (#CODE) fills the code field and leaves the address bar and history;
   - the code's check symbol is verified in the page, so a typo shows before anything is sent;
   - live budget and points bars;
   - casting retries a lost answer with the same submission id (the server returns the same receipt);
   - the ballot check recomputes the inclusion proof in the browser.
   First-party, no framework, no other host. */
(function () {
  'use strict';
  var ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

  function valueOf(c) {
    var u = c.toUpperCase();
    if (u === 'I' || u === 'L') return 1;
    if (u === 'O') return 0;
    return ALPHABET.indexOf(u);
  }

  function times2(x) {
    var y = x << 1;
    return (y & 0x20) ? (y ^ 0x25) : y;
  }

  /** 'ok', 'typo' or 'length:N' (N symbols typed) or 'malformed' for the code as typed. */
  function checkCode(typed) {
    var values = [];
    for (var i = 0; i < typed.length; i++) {
      var c = typed.charAt(i);
      if (c === '-' || c === ' ' || c === '\t' || c === '\u00a0' || (c >= '\u2010' && c <= '\u2013')) continue;
      var v = valueOf(c);
      if (v < 0) return 'malformed';
      values.push(v);
    }
    if (values.length !== 17) return 'length:' + values.length;
    var interim = 0;
    for (var k = 0; k < values.length; k++) interim = times2(interim) ^ values[k];
    return interim === 0 ? 'ok' : 'typo';
  }

  function fill(template, args) {
    return template.replace(/\{(\d)\}/g, function (m, i) { return args[+i]; });
  }

  function money(form, amount) {
    var lang = form.getAttribute('data-lang') === 'en' ? 'en-GB' : 'nl-NL';
    var currency = form.getAttribute('data-currency') || 'EUR';
    try {
      return new Intl.NumberFormat(lang, { style: 'currency', currency: currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
    } catch (e) {
      return currency + ' ' + amount;
    }
  }

  function number(form, n) {
    return new Intl.NumberFormat(form.getAttribute('data-lang') === 'en' ? 'en-GB' : 'nl-NL').format(n);
  }

  function takeCodeFromFragment() {
    if (!/^\/vote\//.test(location.pathname) || location.hash.length < 2) return;
    var code = decodeURIComponent(location.hash.substring(1));
    // The code must not stay in the address bar, the history or a bookmark.
    history.replaceState(null, '', location.pathname + location.search);
    var field = document.getElementById('code');
    if (field && !field.value && code.length <= 40) {
      field.value = code;
      return true;
    }
    return false;
  }

  function codeField(form) {
    var field = document.getElementById('code');
    var box = document.getElementById('code-error');
    if (!field || !box) return null;
    function show(message) {
      var text = box.querySelector('[data-msg]');
      // The hidden error box is left out of the description: a description names hidden text too, and a screen
      // reader would read "Fout:" on a field without an error.
      if (message) {
        text.textContent = message;
        box.hidden = false;
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', 'code-hint code-error');
        field.parentNode.classList.add('has-error');
      } else {
        box.hidden = true;
        field.removeAttribute('aria-invalid');
        field.setAttribute('aria-describedby', 'code-hint');
        field.parentNode.classList.remove('has-error');
      }
    }
    function verify() {
      var value = field.value.trim();
      if (!value) return true;
      var r = checkCode(value);
      if (r === 'ok') { show(null); return true; }
      if (r === 'typo') show(form.getAttribute('data-msg-typo'));
      else if (r.indexOf('length:') === 0) show(fill(form.getAttribute('data-msg-length'), [r.substring(7)]));
      else show(form.getAttribute('data-msg-malformed'));
      return false;
    }
    // Checked when the form is sent, not when the field loses focus: an error appearing or vanishing on blur
    // moves the button away from under a pointer that is pressing it. Typing clears a shown error.
    field.addEventListener('input', function () { if (!box.hidden && checkCode(field.value.trim()) === 'ok') show(null); });
    verify.show = show;
    return verify;
  }

  /**
   * Asks the service whether the code from the letter's link can be used (not used up, of this vote), before the
   * resident fills in the ballot; the answer is the message for beside the field. Nothing is consumed.
   */
  function checkWithService(form, show) {
    var field = document.getElementById('code');
    var typed = field.value.trim();
    if (!window.fetch || checkCode(typed) !== 'ok') return;
    var sid = form.querySelector('input[name="submissionId"]').value;
    fetch(form.getAttribute('action') + '/code', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'code=' + encodeURIComponent(typed) + '&submissionId=' + encodeURIComponent(sid) })
      .then(function (r) {
        if (r.status !== 422 && r.status !== 429) return;
        return r.text().then(function (message) { if (field.value.trim() === typed) show(message); });
      })
      .catch(function () { /* The review checks it again. */ });
  }

  function bars(form) {
    var format = form.getAttribute('data-format');
    var meter, text;
    if (format === 'KNAPSACK') {
      meter = document.getElementById('cost-meter');
      text = document.getElementById('cost-text');
      var max = +form.getAttribute('data-max-cost');
      var update = function () {
        var sum = 0;
        form.querySelectorAll('input[name="project"]:checked').forEach(function (b) { sum += +b.getAttribute('data-cost'); });
        meter.value = Math.min(sum, max);
        text.textContent = fill(form.getAttribute('data-msg-cost'), [money(form, sum), money(form, max)]);
      };
      form.addEventListener('change', update);
    } else if (format === 'CUMULATIVE') {
      meter = document.getElementById('points-meter');
      text = document.getElementById('points-text');
      var total = +form.getAttribute('data-max-points');
      var updatePoints = function () {
        var sum = 0;
        form.querySelectorAll('input.points').forEach(function (i) { var n = parseInt(i.value, 10); if (n > 0) sum += n; });
        meter.value = Math.min(sum, total);
        text.textContent = fill(form.getAttribute('data-msg-points'), [number(form, Math.max(0, total - sum)), number(form, total)]);
      };
      form.addEventListener('input', updatePoints);
    }
  }

  /** Sends the review form to /cast; a lost answer is sent again with the same body, so the same submission id. */
  function castWithRetry(form) {
    var status = document.getElementById('cast-status');
    form.addEventListener('submit', function (event) {
      var submitter = event.submitter;
      if (!submitter || !submitter.hasAttribute('data-cast') || !window.fetch) return;
      event.preventDefault();
      submitter.disabled = true;
      status.textContent = form.getAttribute('data-msg-sending');
      var body = new URLSearchParams(new FormData(form)).toString();
      var attempt = 0;
      function send() {
        attempt++;
        // getAttribute: form.action would be the button named "action" that the same form holds.
        fetch(form.getAttribute('action'), { method: 'POST', body: body, credentials: 'same-origin',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
          .then(function (response) {
            return response.text().then(function (html) { return { html: html }; });
          }, function (lost) { throw lost; })
          .then(function (answer) {
            var doc = new DOMParser().parseFromString(answer.html, 'text/html');
            if (!doc.querySelector('main')) { form.submit(); return; }
            document.title = doc.title;
            document.querySelector('main').replaceWith(document.adoptNode(doc.querySelector('main')));
            // The header too: its language switch sends the new page's form (the receipt's, or none on a notice).
            var header = doc.querySelector('header.site');
            if (header) document.querySelector('header.site').replaceWith(document.adoptNode(header));
            var main = document.querySelector('main');
            init();
            // init() has put the focus on the error summary when the answer is the form with errors (a code used
            // meanwhile, voting closed): that is what to read first. Otherwise the new page's heading (the receipt).
            var heading = main.querySelector('h1');
            if (heading && !document.getElementById('error-summary')) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
          })
          .catch(function () {
            if (attempt >= 4) { form.submit(); return; }
            status.textContent = form.getAttribute('data-msg-retrying');
            setTimeout(send, 800 * attempt);
          });
      }
      send();
    });
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function bytes(h) {
    var out = new Uint8Array(h.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
    return out;
  }

  function nodeHash(left, right) {
    var data = new Uint8Array(65);
    data[0] = 1;
    data.set(bytes(left), 1);
    data.set(bytes(right), 33);
    return crypto.subtle.digest('SHA-256', data).then(hex);
  }

  /** RFC 9162 section 2.1.3.2: the root from a leaf hash and its inclusion path. */
  function rootFrom(leaf, proof) {
    var fn = proof.leafIndex, sn = proof.treeSize - 1, r = Promise.resolve(leaf);
    if (fn >= proof.treeSize) return Promise.resolve(null);
    var ok = true;
    proof.path.forEach(function (p) {
      if (sn === 0) { ok = false; return; }
      if ((fn & 1) === 1 || fn === sn) {
        r = r.then(function (x) { return nodeHash(p, x); });
        if ((fn & 1) === 0) { while ((fn & 1) === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
      } else {
        r = r.then(function (x) { return nodeHash(x, p); });
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    });
    return r.then(function (x) { return ok && sn === 0 ? x : null; });
  }

  function checkInPage(form) {
    var out = document.getElementById('check-local');
    var root = form.getAttribute('data-root');
    if (!root || !window.crypto || !crypto.subtle || !window.fetch) return;
    form.addEventListener('submit', function (event) {
      var hashField = document.getElementById('hash');
      var file = document.getElementById('receipt').files[0];
      event.preventDefault();
      out.textContent = form.getAttribute('data-msg-checking');
      // A small election withholds its ballots: the service shows one only with its nonce, from the receipt file.
      var nonce = '';
      var hashPromise = file ? file.text().then(function (t) {
          try { var j = JSON.parse(t); nonce = (j.ballot && j.ballot.nonce) || ''; return (j.leafHash || '').toLowerCase(); } catch (e) { return ''; } })
        : Promise.resolve(hashField.value.trim().toLowerCase());
      hashPromise.then(function (hash) {
        if (!/^[0-9a-f]{64}$/.test(hash)) { form.submit(); return; }
        if (form.hasAttribute('data-withheld') && !nonce) { form.submit(); return; }
        fetch('/api/elections/' + form.getAttribute('data-election') + '/receipts/' + hash
            + (nonce ? '?nonce=' + encodeURIComponent(nonce) : ''))
          .then(function (r) { if (!r.ok) throw new Error('not found'); return r.json(); })
          .then(function (receipt) { return rootFrom(receipt.leafHash, receipt.inclusion); })
          .then(function (computed) {
            if (computed === root) { out.className = 'panel success'; out.textContent = form.getAttribute('data-msg-included'); }
            else { throw new Error('no match'); }
          })
          .catch(function () { out.className = 'notice'; out.textContent = form.getAttribute('data-msg-notfound'); });
      });
    });
  }

  function init() {
    var fromLink = takeCodeFromFragment();
    var form = document.getElementById('form');
    if (form && form.hasAttribute('data-format')) {
      var verify = codeField(form);
      if (fromLink && verify) {
        if (verify()) checkWithService(form, verify.show);
      }
      bars(form);
      form.addEventListener('submit', function (event) {
        // The language switch sends the form as it is, to come back in the other language: nothing to check yet.
        if (event.submitter && event.submitter.name === 'switch') return;
        if (verify && !verify()) { event.preventDefault(); document.getElementById('code').focus(); }
      });
    }
    if (form && form.hasAttribute('data-submission')) castWithRetry(form);
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
    var check = document.getElementById('check-form');
    if (check) checkInPage(check);
    // The check page's refusal is an error summary of its own (#check-outcome): read first, like the vote page's.
    var summary = document.getElementById('error-summary') || document.querySelector('#check-outcome.error-summary');
    if (summary) summary.focus();
  }

  // The letter's link opened again on a vote page (same address, new fragment): no page load happens, so the
  // code is taken here. On the review or the receipt, which have no code field and came from a POST (a reload
  // would send that again), the vote form is loaded afresh at a new address, with the fragment.
  window.addEventListener('hashchange', function () {
    if (/^\/vote\//.test(location.pathname) && !document.getElementById('code')) location.replace(location.pathname + '?again' + location.hash);
    else takeCodeFromFragment();
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
