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
 *   lesson(target, lesson, text)  a grammar lesson (curriculum.activities.grammar_notes.lesson) into
 *                       `target` (an .nihongo-lesson element), its labels from `text`; related points are
 *                       <a data-point="id"> links the page handles
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

  function lesson(target, data, text) {
    function add(parent, tag, className, content, lang) {
      var el = document.createElement(tag);
      if (className) { el.className = className; }
      if (content) { el.textContent = content; }
      if (lang) { el.lang = lang; }
      parent.appendChild(el);
      return el;
    }
    target.textContent = "";
    if (!data) { return; }
    var title = add(target, "h4", "nl-pattern", data.pattern, "ja");
    title.tabIndex = -1;
    var tags = add(target, "p", "nl-tags");
    add(tags, "span", "nl-level", data.level);
    tags.appendChild(document.createTextNode(" "));
    add(tags, "span", "nl-register", text.register + ": " + (text["register_" + data.register] || data.register));
    var note = add(target, "p", "nl-fallback", text.in_english);
    note.setAttribute("role", "note");
    note.hidden = !data.fallback;
    add(target, "h5", "", text.meaning);
    add(target, "p", "nl-meaning", data.meaning);
    add(target, "h5", "", text.formation);
    var formation = add(target, "ul", "nl-formation", "", "ja");
    data.formation.forEach(function (line) { rich(add(formation, "li"), line.text, line.ruby); });
    add(target, "h5", "", text.notes);
    add(target, "p", "nl-notes", data.notes);
    add(target, "h5", "", text.mistakes);
    add(target, "p", "nl-mistakes", data.mistakes);
    add(target, "h5", "", text.examples);
    var examples = add(target, "ol", "nl-examples");
    data.examples.forEach(function (example) {
      var li = add(examples, "li");
      rich(add(li, "span", "nl-ja", "", "ja"), example.text, example.ruby);
      add(li, "span", "nl-translation", example.translation);
    });
    if (data.related && data.related.length) {
      add(target, "h5", "", text.related);
      var related = add(target, "ul", "nl-related");
      data.related.forEach(function (other) {
        var a = add(add(related, "li"), "a", "", other.pattern, "ja");
        a.href = "#" + other.id;
        a.setAttribute("data-point", other.id);
      });
    }
  }

  window.NihongoCommon = {csrfToken: csrfToken, post: post, fmt: fmt, rich: rich, mountIn: mountIn,
                          lesson: lesson};
}());
