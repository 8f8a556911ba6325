/* Filter on the lessons page: by facet and status, in the URL query (the
 * front-matter field names and ids, as on the list of all initiatives).
 * The page holds the first 100 lessons; a filter takes the other numbered
 * pages' lessons in (once), so it covers them all, and the numbered links
 * wait until no filter is chosen. Without this script every lesson of the
 * page shows. */
(function () {
  "use strict";

  var form = document.querySelector("form.portfolio-lessons-filter");
  if (!form) return;
  var list = document.querySelector("ul.portfolio-lessons");
  var firstPage = Array.prototype.slice.call(list.querySelectorAll(".portfolio-lesson"));
  var lessons = firstPage.slice();
  var status = document.getElementById("lardomar-antal");
  var total = +status.dataset.total;
  var pagination = document.querySelector("nav.portfolio-pagination[data-list-pages]");
  var otherPages = pagination ? pagination.dataset.listPages.split(" ").slice(1) : [];  // this is the first
  var names = ["facet", "status"];
  var loading = null;

  function chosen(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
      function (box) { return box.value; });
  }

  /* The lessons of the other pages, links made absolute (those pages sit at another depth). */
  function loadOtherPages() {
    if (!loading) {
      list.setAttribute("aria-busy", "true");
      loading = Promise.all(otherPages.map(function (href) {
        var url = new URL(href, document.baseURI);
        return fetch(url).then(function (response) { return response.text(); }).then(function (html) {
          var found = new DOMParser().parseFromString(html, "text/html").querySelectorAll(".portfolio-lesson");
          return Array.prototype.map.call(found, function (lesson) {
            lesson.querySelectorAll("[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), url).href; });
            lesson.querySelectorAll("[src]").forEach(function (img) { img.src = new URL(img.getAttribute("src"), url).href; });
            return document.importNode(lesson, true);
          });
        });
      })).then(function (pages) {
        pages.forEach(function (found) {
          found.forEach(function (lesson) {
            lesson.hidden = true;
            list.appendChild(lesson);
            lessons.push(lesson);
          });
        });
        list.removeAttribute("aria-busy");
      }, function (error) {
        list.removeAttribute("aria-busy");
        status.textContent = "Alla lärdomar kunde inte hämtas. Använd sidnumren längst ner.";
        throw error;
      });
    }
    return loading;
  }

  function show(wanted, filtered) {
    var shown = 0;
    (filtered ? lessons : firstPage).forEach(function (lesson) {
      var match = names.every(function (name) {
        return !wanted[name].length || wanted[name].indexOf(lesson.dataset[name]) >= 0;
      });
      lesson.hidden = !match;
      if (match) shown++;
    });
    if (!filtered) lessons.slice(firstPage.length).forEach(function (lesson) { lesson.hidden = true; });
    if (pagination) pagination.hidden = filtered;
    status.textContent = !filtered ? total + " initiativ med lärdomar"
      : shown + " av " + total + " initiativ med lärdomar";
  }

  function update(push) {
    var wanted = {};
    names.forEach(function (name) { wanted[name] = chosen(name); });
    var filtered = names.some(function (name) { return wanted[name].length > 0; });
    if (push) {
      var params = new URLSearchParams();
      names.forEach(function (name) { wanted[name].forEach(function (id) { params.append(name, id); }); });
      var text = params.toString();
      history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
    }
    if (filtered && otherPages.length) {
      loadOtherPages().then(function () { show(wanted, true); }, function () {});
    } else {
      show(wanted, filtered);
    }
  }

  var params = new URLSearchParams(location.search);
  names.forEach(function (name) {
    var wanted = params.getAll(name);
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      box.checked = wanted.indexOf(box.value) >= 0;
    });
  });
  form.hidden = false;
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update(false);
})();
