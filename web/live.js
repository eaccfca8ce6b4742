// tally: keep a public page current. Twice a second, ask the server whether
// the count has moved on (an ETag on /api/public, so an unchanged count
// costs a 304 and no body); when it has, reload the page, which the server
// renders from the count as it now stands.
(function () {
  "use strict";
  var etag = null;
  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch("/api/public", { headers: headers, cache: "no-store" })
      .then(function (res) {
        var next = res.headers.get("ETag");
        if (res.status === 200 && etag !== null && next !== etag) {
          window.location.reload();
          return;
        }
        if (next) etag = next;
      })
      .catch(function () { /* the server is restarting: try again */ })
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
