// Runs before the web editor (Sveltia CMS) at /admin/ and keeps it at home.
// Sveltia fetches its translations and a version check from unpkg.com, and
// the Git service's status page; this site serves the Swedish translation
// itself (vendored by scripts/vendor-cms) and answers the other calls with
// "not found" at once, so nothing leaves the site and nothing shows an error.
// The page's Content-Security-Policy enforces the same; this makes it quiet.
(function () {
  "use strict";
  var script = document.currentScript;
  var vendor = new URL(script.dataset.vendor, location.href).href;
  var allowed = [location.origin].concat((script.dataset.hosts || "").split(" ").filter(Boolean));
  var locales = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/(sv)\.json$/;
  var siteFetch = window.fetch.bind(window);

  window.fetch = function (resource, options) {
    var url = new URL(resource instanceof Request ? resource.url : String(resource), location.href);
    var locale = locales.exec(url.href);
    if (locale) {
      return siteFetch(vendor + "locales/" + locale[1] + ".json", options);
    }
    if (/^https?:$/.test(url.protocol) && allowed.indexOf(url.origin) < 0) {
      return Promise.resolve(new Response(null, { status: 404, statusText: "Not served from this site" }));
    }
    return siteFetch(resource, options);
  };

  // The interface is Swedish unless the editor has chosen another language in Sveltia's settings.
  try {
    var prefs = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}") || {};
    if (!prefs.locale) {
      prefs.locale = "sv";
      localStorage.setItem("sveltia-cms.prefs", JSON.stringify(prefs));
    }
  } catch (error) {
    // Storage may be turned off; the editor then follows the browser's language.
  }
})();
