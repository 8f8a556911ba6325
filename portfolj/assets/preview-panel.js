// The preview's problem panel (only while `mkdocs serve` runs): lists the
// content's problems on top of the last good page. Escape or the button hides it.
(function () {
  "use strict";
  var script = document.currentScript;
  var problemsUrl = new URL("problems.json", script.src);

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function show(report) {
    if (!report.problems.length) return;
    var panel = document.createElement("section");
    panel.className = "portfolj-preview-panel";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "portfolj-preview-heading");
    var heading = text("h2", report.summary, "portfolj-preview-panel__heading");
    heading.id = "portfolj-preview-heading";
    panel.appendChild(heading);
    var list = document.createElement("ul");
    report.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var where = problem.path + (problem.line ? ", rad " + problem.line : "");
      item.appendChild(text("strong", where));
      if (problem.field) item.appendChild(text("span", " fältet " + problem.field + ":"));
      item.appendChild(text("span", " " + problem.message));
      list.appendChild(item);
    });
    panel.appendChild(list);
    var close = text("button", "Dölj felen (Esc)", "portfolj-preview-panel__close");
    close.type = "button";
    function hide() {
      panel.remove();
      document.removeEventListener("keydown", onKey);
    }
    function onKey(event) {
      if (event.key === "Escape") hide();
    }
    close.addEventListener("click", hide);
    document.addEventListener("keydown", onKey);
    panel.appendChild(close);
    document.body.insertBefore(panel, document.body.firstChild);
  }

  function load() {
    fetch(problemsUrl, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
      .then(show)
      .catch(function () {});
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
