// For the page that embeds a pledge card: size each card's iframe to the
// height the card reports. Messages count only from our own origin (the
// one this script was loaded from), from one of the page's card frames,
// and with the expected shape; anything else is ignored.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.postMessage) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var MAX_HEIGHT = 4000;

  function cardFrames() {
    return document.querySelectorAll("iframe[data-pledge-embed]");
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "pledge-tracker:height") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height < 1 || height > MAX_HEIGHT) return;
    var frames = cardFrames();
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        frames[i].setAttribute("height", String(Math.ceil(height)));
        return;
      }
    }
  });
})();
