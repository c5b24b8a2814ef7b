// Organiser pages, enhancement only: every page works without this file.
// After a failed form, the error summary takes the focus so a screen reader reads it first.
// Before the session ends for want of activity, a warning with a button that keeps it alive (a form sent after the
// end is not lost either: the sign-in page carries it, see CarriedForm).
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
  keepAcrossTheLanguageSwitch();
  var body = document.body;
  var idle = +body.getAttribute('data-idle');
  if (!(idle > 0) || !window.fetch) return;
  // Two minutes before the end (half the time for a very short one); the idle clock restarts with every page.
  var lead = Math.min(2, idle / 2);
  var box = null;
  var timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(warn, (idle - lead) * 60000);
  }
  function warn() {
    if (box) box.remove();
    box = document.createElement('div');
    box.className = 'notice session-warning';
    box.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.textContent = body.getAttribute('data-msg-warning').replace('{0}', String(lead));
    var stay = document.createElement('button');
    stay.type = 'button';
    stay.className = 'button secondary small';
    stay.textContent = body.getAttribute('data-msg-stay');
    stay.addEventListener('click', function () {
      // Any page of the signed-in staff resets the idle clock; a sign-in page in the answer means it had ended.
      fetch('/manage', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
        if (r.ok && r.url.indexOf('/manage/login') < 0) {
          text.textContent = body.getAttribute('data-msg-stayed');
          stay.remove();
          box.setAttribute('role', 'status');
          schedule();
        }
      });
    });
    box.appendChild(text);
    box.appendChild(stay);
    document.querySelector('main').prepend(box);
  }
  schedule();

  /**
   * The language switch is a link: what was typed into this page's forms is kept for the page in the other language
   * (sessionStorage of this tab, removed as soon as it is read back). Never passwords, tokens or a ballot's code.
   */
  function keepAcrossTheLanguageSwitch() {
    var link = document.querySelector('header .lang');
    var store;
    try { store = window.sessionStorage; } catch (e) { return; }
    if (!link || !store) return;
    // A form page's switch is a button that sends the form itself; the server brings it back.
    if (link.tagName === 'BUTTON') return;
    var key = 'bb-switch:' + location.pathname;
    link.addEventListener('click', function () {
      var saved = [];
      document.querySelectorAll('main form').forEach(function (form, i) {
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name || /^(hidden|password|file|submit|button)$/.test(el.type) || /password|csrf|ballotCode/i.test(el.name)) return;
          saved.push([i, el.name, el.value, el.type === 'checkbox' || el.type === 'radio' ? el.checked : null]);
        });
      });
      try { store.setItem(key, JSON.stringify(saved)); } catch (e) { /* Full or refused: the switch still works. */ }
    });
    var raw = store.getItem(key);
    if (!raw) return;
    store.removeItem(key);
    var forms = document.querySelectorAll('main form');
    var seen = {};
    JSON.parse(raw).forEach(function (s) {
      var form = forms[s[0]];
      if (!form) return;
      var same = Array.prototype.filter.call(form.elements, function (el) { return el.name === s[1]; });
      if (s[3] === null) {
        var k = s[0] + ':' + s[1];
        var n = seen[k] = (seen[k] || 0) + 1;
        var el = same.filter(function (e) { return e.type !== 'checkbox' && e.type !== 'radio'; })[n - 1];
        if (el) el.value = s[2];
      } else {
        same.forEach(function (e) { if (e.value === s[2]) e.checked = s[3]; });
      }
    });
  }
})();
