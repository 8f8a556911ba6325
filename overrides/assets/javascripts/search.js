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

  input.addEventListener("focus", function () {
    if (toggle) toggle.checked = true;
    load();
  });
  input.addEventListener("input", search);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle) {
      toggle.checked = false;
      input.blur();
    }
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }
})();
