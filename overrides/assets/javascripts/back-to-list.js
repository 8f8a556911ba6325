/* The link from an initiative back to the list leads to the list as the
 * visitor left it, filters and words included (the filter remembers its
 * address for this tab); without that it leads to the whole list. */
(function () {
  "use strict";

  var link = document.querySelector("[data-back-to-list]");
  var remembered = null;
  try {
    remembered = sessionStorage.getItem("portfolj-list");
  } catch (error) {
    return;
  }
  if (!link || !remembered) return;
  var list = new URL(link.href, document.baseURI);
  var back = new URL(remembered, document.baseURI);
  if (back.origin !== list.origin || back.pathname !== list.pathname || !back.search) return;
  link.href = back.href;
  link.textContent = "Tillbaka till listan med dina filter";
})();
