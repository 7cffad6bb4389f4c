/* Lotse events: the check-in at the door, and the print button of the attendance list.
 *
 * Progressive enhancement: without this script the search is a GET form and each tap a POST
 * that comes back to the page. With it (and HTMX doing the requests):
 * - the search field has the focus when the page opens;
 * - after a tap the search field is emptied and focused again for the next person (the list
 *   keeps showing the row just checked in, as confirmation, until the next name is typed);
 * - buttons marked data-print open the browser's print dialog.
 */
(function () {
  "use strict";

  function searchField() {
    return document.querySelector("[data-checkin-search]");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var field = searchField();
    if (field && !window.location.hash) {
      field.focus();
    }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });

  // A tap's answer is the person's row, marked data-checkin-toggled; HTMX fires htmx:load on it.
  document.addEventListener("htmx:load", function (event) {
    var row = event.target;
    if (!row.matches || !row.matches("[data-checkin-toggled]")) {
      return;
    }
    if (row.querySelector("[role=alert]")) {
      return; // refused (say, too early): keep the name in the field
    }
    var field = searchField();
    if (field) {
      field.value = "";
      field.focus();
    }
  });
})();
