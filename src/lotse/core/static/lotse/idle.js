/* Lotse: the warning before the idle logout of staff sessions.
 *
 * The page says how many seconds the session has left (#idle-warning, data-idle-remaining,
 * counted by the server) and how long before the end to warn (data-idle-warning). The warning
 * is an alert dialog that takes the focus; "Stay logged in" posts its form to the keep-alive
 * address (204 when the session is still alive). When the time is up, the browser goes to the
 * login page, where the server ends the session and says why.
 *
 * Every request counts as activity on the server, so after each HTMX request the countdown
 * starts again from the seconds the server reports in the Lotse-Idle-Remaining header.
 */
(function () {
  "use strict";

  var HEADER = "Lotse-Idle-Remaining";
  var box = document.getElementById("idle-warning");
  if (!box) {
    return;
  }
  var form = box.querySelector("form[data-keep-alive]");
  var button = form.querySelector("button");
  var warnBefore = Number(box.dataset.idleWarning) * 1000;
  var warnTimer = null;
  var endTimer = null;
  var returnFocus = null;

  function expire() {
    var here = window.location.pathname + window.location.search;
    window.location.assign(box.dataset.loginUrl + "?next=" + encodeURIComponent(here));
  }

  function show() {
    if (!box.hidden) {
      return;
    }
    returnFocus = document.activeElement;
    box.hidden = false;
    button.focus();
  }

  function hide() {
    if (box.hidden) {
      return;
    }
    var hadFocus = box.contains(document.activeElement);
    box.hidden = true;
    if (hadFocus && returnFocus && document.contains(returnFocus)) {
      returnFocus.focus();
    }
    returnFocus = null;
  }

  function schedule(seconds) {
    var left = Math.max(0, seconds * 1000);
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    hide();
    warnTimer = window.setTimeout(show, Math.max(0, left - warnBefore));
    endTimer = window.setTimeout(expire, left);
  }

  function fromHeader(value) {
    var seconds = parseInt(value, 10);
    if (!isNaN(seconds)) {
      schedule(seconds);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    window
      .fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
      .then(function (response) {
        if (response.status !== 204) {
          expire(); // the session ended already: the login page says so
          return;
        }
        fromHeader(response.headers.get(HEADER));
      })
      .catch(function () {
        // Offline for a moment: keep the warning, the button can be pressed again.
      })
      .finally(function () {
        button.disabled = false;
      });
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr) {
      fromHeader(xhr.getResponseHeader(HEADER));
    }
  });

  schedule(Number(box.dataset.idleRemaining));
})();
