/* Kagoshima Nihongo: what every block's script shares, in one file. Each block serves it as its own
 * static asset, before its own script, so a block's fragment stands alone in Open edX (two blocks on
 * one page define it twice, to the same thing). window.NihongoCommon:
 *
 *   post(url, body)     POST JSON with the LMS's CSRF token (when it has one); resolves with the JSON
 *                       answer; rejects with an Error whose .status is the HTTP status (0: no
 *                       connection) and .message the answer's "error" (or "")
 *   fmt(template, values)  "{n} / {total}" with values; unknown names stay as they are
 *   rich(target, plain, ruby)  text, or furigana [[base, reading-or-null], ...] as <ruby>, no HTML strings
 *   mountIn(element, rootClass, mount)  the XBlock runtime's init: mount the block's root in its wrapper
 */
(function () {
  "use strict";
  if (window.NihongoCommon) { return; }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function failure(status, message) {
    var error = new Error(message);
    error.status = status;
    return error;
  }

  function post(url, body) {
    var headers = {"Content-Type": "application/json", "Accept": "application/json"};
    var token = csrfToken();
    if (token) { headers["X-CSRFToken"] = token; }
    return fetch(url, {method: "POST", headers: headers, credentials: "same-origin", body: JSON.stringify(body || {})})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          if (!response.ok) { throw failure(response.status, json.error || ""); }
          return json;
        });
      }, function () { throw failure(0, ""); });
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function rich(target, plainText, ruby) {
    if (!ruby) { target.appendChild(document.createTextNode(plainText)); return; }
    ruby.forEach(function (part) {
      if (!part[1]) { target.appendChild(document.createTextNode(part[0])); return; }
      var r = document.createElement("ruby"), rt = document.createElement("rt");
      r.appendChild(document.createTextNode(part[0]));
      rt.textContent = part[1];
      r.appendChild(rt);
      target.appendChild(r);
    });
  }

  /* `element` is the block's wrapper (a jQuery object in some hosts), or the block's root itself. */
  function mountIn(element, rootClass, mount) {
    var node = element && element.jquery ? element[0] : element;
    mount(node.classList.contains(rootClass) ? node : node.querySelector("." + rootClass));
    return {};
  }

  window.NihongoCommon = {csrfToken: csrfToken, post: post, fmt: fmt, rich: rich, mountIn: mountIn};
}());
