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
})();
