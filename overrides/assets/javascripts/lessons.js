/* Filter on the lessons page: by facet and status, in the URL query (the
 * front-matter field names and ids, as on the list of all initiatives).
 * Without this script every lesson shows. */
(function () {
  "use strict";

  var form = document.querySelector("form.portfolio-lessons-filter");
  if (!form) return;
  var lessons = Array.prototype.slice.call(document.querySelectorAll(".portfolio-lesson"));
  var status = document.getElementById("lardomar-antal");
  var names = ["facet", "status"];

  function chosen(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
      function (box) { return box.value; });
  }

  function update(push) {
    var wanted = {};
    names.forEach(function (name) { wanted[name] = chosen(name); });
    var shown = 0;
    lessons.forEach(function (lesson) {
      var match = names.every(function (name) {
        return !wanted[name].length || wanted[name].indexOf(lesson.dataset[name]) >= 0;
      });
      lesson.hidden = !match;
      if (match) shown++;
    });
    status.textContent = shown === lessons.length ? lessons.length + " initiativ med lärdomar"
      : shown + " av " + lessons.length + " initiativ med lärdomar";
    if (push) {
      var params = new URLSearchParams();
      names.forEach(function (name) { wanted[name].forEach(function (id) { params.append(name, id); }); });
      var text = params.toString();
      history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
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
