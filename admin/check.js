// What the check found after the last save, shown at the bottom of every preview page and of the web form.
// The preview (make serve, make edit) checks every record again after each save and serves the result at
// /admin/check.json; this box shows its messages, so an officer sees them without looking at the terminal.
(function () {
  "use strict";
  var box = document.createElement("section");
  box.id = "preview-check";
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  box.setAttribute("aria-label", "What the check found");
  box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:100000;max-height:40vh;overflow:auto;" +
    "margin:0;padding:.6em 1em;font:15px/1.4 system-ui,sans-serif;box-shadow:0 -2px 6px rgba(0,0,0,.3);display:none";
  var last = -1;
  function show(status) {
    if (status.run === last) { return; }
    last = status.run;
    if (!status.errors) {
      box.style.display = "none";
      return;
    }
    box.style.background = "#fde8e8";
    box.style.color = "#111";
    box.style.borderTop = "4px solid #b00020";
    box.textContent = "";
    var head = document.createElement("p");
    head.style.cssText = "margin:0 0 .4em;font-weight:bold";
    head.textContent = "The check found " + status.errors + " error" + (status.errors === 1 ? "" : "s") +
      ": the preview keeps showing the last good pages until they are fixed.";
    box.appendChild(head);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2em";
    status.lines.forEach(function (line) {
      if (line.indexOf("warning:") !== -1 || /^\d+ errors?, \d+ warnings?/.test(line)) { return; }
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(list);
    box.style.display = "block";
  }
  function poll() {
    fetch("/admin/check.json", { cache: "no-store" })
      .then(function (reply) { return reply.json(); })
      .then(show)
      .catch(function () {})
      .then(function () { setTimeout(poll, 1500); });
  }
  document.body.appendChild(box);
  poll();
})();
