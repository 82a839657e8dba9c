// The list's filters sit in a <details> that the page sends open, so they
// work without JavaScript; on a phone they would fill the first screen, so
// close them there (unless the reader has filters applied).
(function () {
  "use strict";
  var panel = document.querySelector("details.filters-panel");
  if (!panel || panel.hasAttribute("data-active")) return;
  if (window.matchMedia("(max-width: 44rem)").matches) panel.open = false;
})();
