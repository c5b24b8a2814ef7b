// Organiser pages, enhancement only: every page works without this file.
// After a failed form, the error summary takes the focus so a screen reader reads it first.
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
})();
