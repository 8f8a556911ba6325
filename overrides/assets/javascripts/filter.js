/* Filter for the list of all initiatives.
 *
 * The page already lists every card; this script reads a compact table
 * (assets/filter.json: per initiative, in page order, the index of each of
 * its values) and then filters, counts and sorts in memory. The page holds
 * only the first page of cards: the cards of other pages are taken from
 * those pages (the numbered links' addresses) when a result needs them. Words are
 * searched with the header's search (Pagefind, Swedish stemming), so both
 * give the same hits: its results name index fragments, which
 * pagefind/positions.json maps to places in the list. The filter lives
 * in the URL query, with the front-matter field names and ids, so a view can
 * be shared, bookmarked and navigated with the back button. Only one page of
 * cards is in the document at a time, which keeps every update fast even
 * with ten thousand initiatives. The active filters are shown as chips that
 * remove them, and the list's address is remembered for the initiatives'
 * "back to the list" link. */
(function () {
  "use strict";

  var form = document.querySelector("form.portfolio-filter");
  if (!form || !window.fetch) return;
  var list = document.querySelector(".portfolio-cards");
  var status = document.getElementById("resultat");
  var more = document.querySelector("[data-filter-more]");
  var chips = document.querySelector("[data-filter-chips]");
  var activeCount = document.querySelector("[data-filter-active]");
  var pagination = document.querySelector(".portfolio-pagination");
  var search = form.elements.q;
  var sort = form.elements.sort;
  var PAGE_SIZE = list.children.length || 1;  // as many as a page of the list holds

  var cards = Array.prototype.slice.call(list.children);  // by place in the list, filled as pages load
  var pageUrls = pagination ? pagination.dataset.listPages.split(" ") : [];
  var pageLoads = {};
  var total = cards.length;
  var latestShow = 0;

  var table = null;        // {names, options, values, dates}
  var selected = {};       // dimension name -> Set of option indices
  var shown = PAGE_SIZE;
  var results = [];
  var announceTimer = 0;
  var textHits = null;     // place in the list -> rank in the search, or null without words
  var pagefind = null;
  var positions = null;
  var latestSearch = 0;

  /* Words ---------------------------------------------------------------- */

  function findWords() {
    var words = search.value.trim();
    var ticket = ++latestSearch;
    if (!words) {
      textHits = null;
      return Promise.resolve(true);
    }
    if (!pagefind) {
      pagefind = import(new URL(form.dataset.pagefind, document.baseURI).href).then(function (module) {
        var root = new URL(form.dataset.siteRoot || ".", document.baseURI).pathname;
        return module.options({ baseUrl: root }).then(function () { return module; });
      });
      positions = fetch(form.dataset.searchPositions)
        .then(function (response) { return response.json(); })
        .then(function (ids) {
          var place = new Map();
          ids.forEach(function (id, n) { place.set(id, n); });
          return place;
        });
    }
    return Promise.all([pagefind, positions]).then(function (loaded) {
      return loaded[0].search(words).then(function (found) {
        if (ticket !== latestSearch) return false;  // a later query is on its way
        var hits = new Map();
        found.results.forEach(function (result, rank) {
          var n = loaded[1].get(result.id);
          if (n !== undefined) hits.set(n, rank);
        });
        textHits = hits;
        return true;
      });
    });
  }

  function load(document) {
    total = document.items.length;
    var names = document.dimensions;
    var values = names.map(function () { return new Array(total); });
    var dates = new Int32Array(total);
    document.items.forEach(function (item, i) {
      for (var d = 0; d < names.length; d++) {
        values[d][i] = typeof item[d] === "number" ? (item[d] < 0 ? [] : [item[d]]) : item[d];
      }
      dates[i] = item[names.length];
    });
    var position = {};
    names.forEach(function (name) {
      position[name] = {};
      document.options[name].forEach(function (id, n) { position[name][String(id)] = n; });
    });
    return { names: names, options: document.options, position: position, values: values, dates: dates };
  }

  /* Form and URL --------------------------------------------------------- */

  function readForm() {
    table.names.forEach(function (name) {
      var chosen = new Set();
      form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        var n = table.position[name][box.value];
        if (n !== undefined) chosen.add(n);
      });
      selected[name] = chosen;
    });
  }

  function writeForm(params) {
    table.names.forEach(function (name) {
      var wanted = new Set(params.getAll(name));
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = wanted.has(box.value);
      });
    });
    search.value = params.get("q") || "";
    sort.value = ["newest", "oldest"].indexOf(params.get("sort")) >= 0 ? params.get("sort") : "title";
  }

  function query() {
    var params = new URLSearchParams();
    table.names.forEach(function (name) {
      form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        params.append(name, box.value);
      });
    });
    if (search.value.trim()) params.set("q", search.value.trim());
    if (sort.value !== "title") params.set("sort", sort.value);
    var text = params.toString();
    return location.pathname + (text ? "?" + text : "");
  }

  /* Filtering ------------------------------------------------------------ */

  function has(values, chosen) {
    for (var k = 0; k < values.length; k++) if (chosen.has(values[k])) return true;
    return false;
  }

  function compute() {
    var names = table.names;
    var counts = names.map(function (name) { return new Int32Array(table.options[name].length); });
    var active = names.map(function (name) { return selected[name].size > 0; });
    results = [];
    for (var i = 0; i < total; i++) {
      if (textHits && !textHits.has(i)) continue;
      // An option's count is what choosing it would leave, given the other
      // dimensions: count items that fail no dimension, or only this one.
      var failed = -1, failures = 0;
      for (var d = 0; d < names.length && failures < 2; d++) {
        if (active[d] && !has(table.values[d][i], selected[names[d]])) { failed = d; failures++; }
      }
      if (failures === 0) results.push(i);
      if (failures > 1) continue;
      for (d = 0; d < names.length; d++) {
        if (failures === 1 && d !== failed) continue;
        var own = table.values[d][i];
        for (var v = 0; v < own.length; v++) counts[d][own[v]]++;
      }
    }
    var dates = table.dates;
    if (sort.value === "newest" || sort.value === "oldest") {
      var sign = sort.value === "newest" ? -1 : 1;
      results.sort(function (a, b) {
        if (!dates[a] !== !dates[b]) return dates[a] ? -1 : 1; // undated last
        return sign * (dates[a] - dates[b]) || a - b;
      });
    } else if (textHits) {
      results.sort(function (a, b) { return textHits.get(a) - textHits.get(b); });  // best hit first
    }
    return counts;
  }

  /* Showing -------------------------------------------------------------- */

  function showCounts(counts) {
    table.names.forEach(function (name, d) {
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        var n = table.position[name][box.value];
        box.parentNode.querySelector("[data-count]").textContent = "(" + counts[d][n] + ")";
      });
      var marker = form.querySelector('[data-selected-for="' + name + '"]');
      var size = selected[name].size;
      marker.textContent = size ? "(" + size + " " + (size === 1 ? "vald" : "valda") + ")" : "";
    });
  }

  /* The cards of one numbered page, read from that page; links made
   * absolute, since that page sits at another depth. */
  function loadPage(n) {
    if (!pageLoads[n]) {
      var url = new URL(pageUrls[n], document.baseURI);
      pageLoads[n] = fetch(url).then(function (response) { return response.text(); }).then(function (html) {
        var found = new DOMParser().parseFromString(html, "text/html").querySelectorAll(".portfolio-cards > li");
        found.forEach(function (card, k) {
          card.querySelectorAll("[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), url).href; });
          card.querySelectorAll("[src]").forEach(function (img) { img.src = new URL(img.getAttribute("src"), url).href; });
          cards[n * PAGE_SIZE + k] = document.importNode(card, true);
        });
      });
    }
    return pageLoads[n];
  }

  function showCards(then) {
    var wanted = results.slice(0, shown);
    var pages = {};
    wanted.forEach(function (i) { if (!cards[i]) pages[Math.floor(i / PAGE_SIZE)] = true; });
    var ticket = ++latestShow;
    function draw() {
      if (ticket !== latestShow) return;  // a later view is on its way
      var fragment = document.createDocumentFragment();
      wanted.forEach(function (i) { if (cards[i]) fragment.appendChild(cards[i]); });
      list.replaceChildren(fragment);
      list.removeAttribute("aria-busy");
      var left = results.length - Math.min(shown, results.length);
      more.hidden = left <= 0;
      more.textContent = "Visa fler (" + left + " till)";
      if (then) then();
    }
    var missing = Object.keys(pages);
    if (!missing.length) return draw();  // cards of this page: drawn at once
    list.setAttribute("aria-busy", "true");  // until the other pages' cards have come
    Promise.all(missing.map(function (n) { return loadPage(+n); })).then(draw).catch(function () {
      status.textContent = "Alla initiativ kunde inte hämtas. Använd sidnumren längst ner.";
    });
  }

  /* One chip per active filter; a chip's button removes it. */
  function showChips() {
    chips.replaceChildren();
    var active = 0;
    function chip(text, remove) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "portfolio-chip";
      button.textContent = text;
      button.setAttribute("aria-label", "Ta bort filtret " + text);
      button.addEventListener("click", function () {
        // Focus goes to the chip that takes this one's place, else the count.
        var place = Array.prototype.indexOf.call(chips.children, item);
        remove();
        var next = chips.children[place] || chips.children[place - 1];
        if (next) next.querySelector("button").focus();
        else status.focus();
      });
      item.appendChild(button);
      chips.appendChild(item);
      active++;
    }
    if (search.value.trim()) {
      chip("Sökord: " + search.value.trim(), function () { search.value = ""; withWords(function () { update("push"); }); });
    }
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      chip(box.nextSibling.textContent.trim(), function () { box.checked = false; update("push"); });
    });
    activeCount.textContent = active ? " (" + active + ")" : "";
  }

  function describe() {
    var filtered = results.length !== total;
    if (results.length === 0) return "Inga initiativ matchar filtren";
    return filtered ? results.length + " av " + total + " initiativ" : total + " initiativ";
  }

  function update(history_action) {
    readForm();
    var counts = compute();
    shown = PAGE_SIZE;
    showCounts(counts);
    showChips();
    // The numbered pages list everything in title order: not this view.
    if (pagination) pagination.hidden = results.length !== total || sort.value !== "title";
    showCards(function () {
      // Announce once the visitor pauses, not for every character typed.
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () { status.textContent = describe(); }, 300);
    });
    var url = query();
    if (history_action === "push" && url !== location.pathname + location.search) {
      history.pushState(null, "", url);
    } else if (history_action === "replace") {
      history.replaceState(null, "", url);
    }
    try {
      sessionStorage.setItem("portfolj-list", location.href);  // for the initiatives' link back here
    } catch (error) { /* storage refused: the link back leads to the whole list */ }
  }

  function withWords(then) {
    findWords().then(function (current) { if (current) then(); }).catch(function () {
      status.textContent = "Sökningen kunde inte laddas. Filtren fungerar utan sökord.";
    });
  }

  function start(document) {
    table = load(document);
    writeForm(new URLSearchParams(location.search));
    withWords(function () {
      update(null);
      form.dataset.state = "ready";
    });

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target !== search) update("push");
    });
    search.addEventListener("input", function () { withWords(function () { update("replace"); }); });
    form.addEventListener("reset", function () {
      setTimeout(function () { withWords(function () { update("push"); }); }, 0);
    });
    window.addEventListener("popstate", function () {
      writeForm(new URLSearchParams(location.search));
      withWords(function () { update(null); });
    });
    more.addEventListener("click", function () {
      var first = shown;
      shown += PAGE_SIZE;
      showCards(function () {
        var next = list.children[first];
        if (next) next.querySelector("a").focus();
      });
    });
  }

  fetch(form.dataset.filterData)
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { /* the full list stays: the page works without the filter */ });
})();
