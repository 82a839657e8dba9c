// Inside the embedded card: tell the page that frames it how tall the card
// is, whenever that changes (fonts, a narrower frame wrapping the title).
// Only a height leaves the frame, so any host may hear it.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "pledge-tracker:height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener("load", post);
  post();
})();
