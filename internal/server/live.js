// brief serve: live reload. Injected into pages by the preview server only.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me.dataset.version;
  var navigate = me.dataset.navigate === "1";
  var events = new EventSource("/_brief/events");
  window.briefEvents = events; // for tests and curious writers: readyState 1 is connected

  function here(paths) {
    var p = decodeURI(location.pathname);
    return paths.some(function (q) { return q === p || q === p + "/" || q === p.replace(/index\.html$/, ""); });
  }

  function swapStylesheet(from, to) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      if (url.pathname.endsWith("/" + from)) {
        url.pathname = url.pathname.slice(0, -from.length) + to;
        links[i].href = url.href;
      }
    }
  }

  // A page from an older build, or from a server since restarted, reloads.
  events.addEventListener("hello", function (e) {
    if (JSON.parse(e.data).version !== version) location.reload();
  });

  events.addEventListener("build", function (e) {
    var c = JSON.parse(e.data);
    if (c.version === version) return;
    if (navigate && c.navigate && c.navigate !== location.pathname) {
      location.assign(c.navigate);
      return;
    }
    if (c.cssOnly) {
      swapStylesheet(c.css[0], c.css[1]);
    } else if (c.all || here(c.paths || [])) {
      location.reload();
      return;
    }
    version = c.version;
  });
})();
