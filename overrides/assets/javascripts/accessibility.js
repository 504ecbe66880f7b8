/* Keyboard access to the menu on phones and narrow windows (WCAG 2.1.1 Keyboard, 4.1.2 Name, role, value).
 *
 * Material's menu button is a <label> for a hidden checkbox: it cannot be reached with Tab, has no
 * name for screen readers and does not say whether the menu is open. This gives it a Tab stop, the
 * role and name of a button and aria-expanded; Enter and Space open the menu and move focus into it;
 * Escape, or moving focus out of the menu, closes it and returns focus to the button.
 * accessibility.css hides the closed menu from the Tab order.
 */
(function () {
  "use strict";

  function enhance() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !drawer || button.hasAttribute("data-sl-button")) return;

    button.setAttribute("data-sl-button", "");
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    if (!button.getAttribute("aria-label")) button.setAttribute("aria-label", "Menu");

    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }

    function setOpen(open, focusTarget) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
      sync();
      if (focusTarget) focusTarget.focus();
    }

    function firstLink() {
      var links = drawer.querySelectorAll("a[href], label[tabindex='0']");
      for (var i = 0; i < links.length; i++) {
        if (links[i].getClientRects().length && !links[i].closest(".md-nav__title")) return links[i];
      }
      return null;
    }

    sync();
    toggle.addEventListener("change", sync);

    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); // Material's own Enter handler would click the label a second time
      var open = !toggle.checked;
      setOpen(open);
      if (open) {
        // The menu becomes visible in the next frame (accessibility.css); then move focus into it.
        requestAnimationFrame(function () {
          var link = firstLink();
          if (link) link.focus();
        });
      }
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) setOpen(false, button);
    });

    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !drawer.contains(next) && next !== button) setOpen(false);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance); // Material's instant loading replaces the page
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

/* Printing: the site's name and the page's address in the margin of every printed page (print.css
 * sets the margins; the words are set here because CSS cannot read the page's address). */
(function () {
  "use strict";
  function css(text) { return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ") + '"'; }
  function margin() {
    var meta = document.querySelector('meta[name="sl-site-name"]');
    var style = document.getElementById("sl-print-margin") || document.createElement("style");
    style.id = "sl-print-margin";
    style.textContent = "@media print { @page { @bottom-left { content: " + css(meta ? meta.content : document.title) +
      "; } @bottom-right { content: " + css(location.href) + "; } } }";
    if (!style.parentNode) document.head.appendChild(style);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", margin); else margin();
  window.addEventListener("beforeprint", margin);
})();
