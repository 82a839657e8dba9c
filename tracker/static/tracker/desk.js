// The desk's forms answer a stale form (409) or bad input (422) with the form
// and its errors: let htmx swap those in place (its default ignores 4xx), so
// the journalist sees the message and keeps what they typed.
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }
  window.htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409", swap: true, error: false },
    { code: "422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];
})();
