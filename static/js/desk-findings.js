// The two languages' check while staff write: a moment after typing stops in a title or a
// body, the form is sent to the check (which saves nothing) and the panel shows its answer.
// Without this script the panel still shows the findings of each save.
(function () {
  "use strict";
  var WAIT_MS = 600;
  var panel = document.getElementById("desk-findings");
  var form = panel && panel.closest("form");
  if (!form) {
    return;
  }
  var timer = null;
  var asked = 0;

  function check() {
    var question = ++asked;
    fetch(panel.dataset.checkUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // An answer to an older question is dropped: the text has changed since.
        if (html !== null && question === asked) {
          panel.innerHTML = html;
        }
      });
  }

  form.addEventListener("input", function (event) {
    if (!event.target.matches(".desk-title, .desk-body")) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, WAIT_MS);
  });
})();
