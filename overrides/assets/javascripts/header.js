/* The header's menu and search buttons with the keyboard.
 *
 * Material draws them as labels of hidden checkboxes, which a mouse can
 * click but Tab never reaches. Here they become buttons that say whether
 * they are open. The side menu, once opened from the keyboard, takes focus;
 * Escape or moving focus out of it closes it and returns focus to its
 * button. (Closed, its links are hidden by CSS, so Tab cannot wander into
 * it off-screen.) */
(function () {
  "use strict";

  // A printed page carries the day it was printed (see partials/header.html).
  window.addEventListener("beforeprint", function () {
    var day = document.querySelector("[data-print-date]");
    if (day) day.textContent = "Utskrivet " + new Date().toLocaleDateString("sv-SE", { day: "numeric", month: "long", year: "numeric" });
  });

  // A link in a table that scrolls sideways comes wholly into view, with its
  // focus ring, when it takes focus: Chromium leaves a link that is partly
  // visible where it is, cut off at the box's edge (at 320 px, most of them).
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.closest && target.closest(".portfolio-table-wrapper, .md-typeset__scrollwrap")) {
      target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  document.querySelectorAll("label.portfolio-toggle").forEach(function (button) {
    var toggle = document.getElementById(button.htmlFor);
    if (!toggle) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", button.dataset.toggleName);
    function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // Material's own Enter on a label would toggle it again
      toggle.click();
    });
  });

  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".md-sidebar--primary");
  var menuButton = document.querySelector('label.portfolio-toggle[for="__drawer"]');
  if (!drawer || !menu || !menuButton) return;

  function close(returnFocus) {
    if (!drawer.checked) return;
    drawer.click();
    if (returnFocus) menuButton.focus();
  }

  drawer.addEventListener("change", function () {
    if (!drawer.checked || document.activeElement !== menuButton) return;
    // The menu becomes visible as it slides in; focus its first link then.
    requestAnimationFrame(function () {
      var first = menu.querySelector("a[href], label[tabindex], input:not([type=hidden])");
      if (first) first.focus();
    });
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close(true);
  });
  menu.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !menu.contains(next) && next !== menuButton) close(false);
  });
})();
