// Review page keyboard shortcuts: j / k move between candidates, a accepts,
// r rejects with the chosen reason, m merges into the suggested pledge.
// Queue rows are clickable. No inline script: the CSP forbids it.
(function () {
  "use strict";

  function candidates() {
    return Array.prototype.slice.call(document.querySelectorAll("li.candidate"));
  }

  function current() {
    return document.querySelector("li.candidate.is-current");
  }

  function highlight(item) {
    document.querySelectorAll("mark.quote.is-current").forEach(function (m) {
      m.classList.remove("is-current");
    });
    if (!item) return;
    var id = item.getAttribute("data-candidate");
    document.querySelectorAll("mark.quote").forEach(function (m) {
      if ((" " + m.getAttribute("data-candidates") + " ").indexOf(" q-" + id + " ") >= 0) {
        m.classList.add("is-current");
      }
    });
  }

  function select(item) {
    candidates().forEach(function (c) { c.classList.remove("is-current"); });
    if (!item) return;
    item.classList.add("is-current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    highlight(item);
    var mark = document.getElementById("q-" + item.getAttribute("data-candidate"));
    if (mark) mark.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = candidates();
    if (!list.length) return;
    var index = list.indexOf(current());
    var next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + step));
    select(list[next]);
  }

  function press(key) {
    var item = current();
    if (!item) return;
    var target = item.querySelector('[data-key="' + key + '"]');
    if (!target) return;
    if (target.tagName === "A") {
      window.location.assign(target.href);
    } else {
      target.click();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": press("a"); break;
      case "r": press("r"); break;
      case "m": press("m"); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.quote");
    if (mark) {
      var first = (mark.getAttribute("data-candidates") || "").split(" ")[0];
      var item = document.getElementById("c-" + first.replace(/^q-/, ""));
      if (item) select(item);
      return;
    }
    var row = event.target.closest && event.target.closest("tr.queue-row[data-href]");
    if (row && !event.target.closest("a, button, form")) {
      window.location.assign(row.getAttribute("data-href"));
    }
  });

  var hash = window.location.hash;
  if (hash && hash.indexOf("#c-") === 0) {
    select(document.getElementById(hash.slice(1)));
  }
})();
