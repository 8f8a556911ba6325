/* Search in the header with Pagefind: Swedish stemming, an index loaded in
 * small chunks, results announced to screen readers. No third-party code:
 * Pagefind's script and index are files of this site. */
(function () {
  "use strict";

  var root = document.querySelector(".portfolio-search");
  if (!root) return;
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector("[role=status]");
  var list = root.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var siteRoot = new URL(root.dataset.siteRoot || ".", document.baseURI);
  var pagefind = null;
  var latest = 0;
  var MAX_RESULTS = 10;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(root.dataset.pagefind, document.baseURI).href).then(function (module) {
        return module.options({ baseUrl: siteRoot.pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function announce(text) {
    status.textContent = text;
  }

  /* Pagefind marks hits with <mark>; rebuild the excerpt from text nodes
   * and those marks only, so nothing else from the index becomes markup. */
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var paragraph = document.createElement("p");
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function render(results) {
    list.replaceChildren();
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = result.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("div");
      title.className = "md-search-result__title";
      title.textContent = result.meta.title;
      article.appendChild(title);
      article.appendChild(excerpt(result.excerpt));
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      announce("Skriv för att söka bland initiativen");
      return;
    }
    load()
      .then(function (module) { return module.debouncedSearch(query, {}, 150); })
      .then(function (found) {
        if (!found || ticket !== latest) return null;
        var total = found.results.length;
        return Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (results) {
            if (ticket !== latest) return;
            render(results);
            announce(total === 0 ? "Inga träffar" :
              total === 1 ? "1 träff" :
              total > MAX_RESULTS ? total + " träffar, de " + MAX_RESULTS + " bästa visas" : total + " träffar");
          });
      })
      .catch(function () {
        announce("Sökningen kunde inte laddas. Använd listan över alla initiativ.");
      });
  }

  /* Below Material's tablet breakpoint the open search covers the screen:
   * then it keeps focus (Tab wraps within it) and has a close button, and
   * closed, it is hidden behind the search button and inert, so Tab goes on
   * to the page (the button opens it). Above it, the
   * field sits in the header and the search closes as soon as focus moves
   * on. Escape closes it either way and returns focus to where the visitor
   * was: the search button, or the field itself. */
  var fullScreen = window.matchMedia("(max-width: 59.984375em)");
  var button = document.querySelector('label.portfolio-toggle[for="__search"]');
  var close = root.querySelector(".portfolio-search__close");

  function setTabOrder() {
    // Closed on a narrow screen, nothing in it takes focus: not the field, its hits or its buttons.
    root.inert = fullScreen.matches && !(toggle && toggle.checked);
    if (fullScreen.matches) {
      close.setAttribute("role", "button");
      close.setAttribute("tabindex", "0");
      close.setAttribute("aria-label", "Stäng sökningen");
    } else {
      close.removeAttribute("role");
      close.removeAttribute("tabindex");
      close.removeAttribute("aria-label");
    }
  }

  function focusable() {
    return Array.prototype.filter.call(
      root.querySelectorAll("input, [tabindex='0'], a[href]"),
      function (element) { return element.getClientRects().length > 0; });
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      setTabOrder();
    }
  }

  function shut(returnFocus) {
    if (!toggle || !toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    if (!returnFocus) return;
    if (fullScreen.matches && button) button.focus();
    else input.focus();
  }

  setTabOrder();
  fullScreen.addEventListener("change", setTabOrder);
  input.addEventListener("focus", function () {
    open();
    load();
  });
  input.addEventListener("input", function () {
    open();
    search();
  });
  close.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();  // Material's own Enter on a label would reopen it
    shut(true);
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      shut(true);
    } else if (event.key === "Tab" && fullScreen.matches && toggle && toggle.checked) {
      var stops = focusable();
      var first = stops[0], last = stops[stops.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  root.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !root.contains(next)) shut(false);
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      setTabOrder();
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
  }
})();
