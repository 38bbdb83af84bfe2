/* Kagoshima Nihongo grammar notes (文法ノート), shared by every host (the XBlock, the LTI tool).
 *
 * window.NihongoGrammar.mount(root) drives a `.nihongo-grammar` element carrying data-show-url,
 * data-search-url, data-open-url, data-language-url (POST JSON, see xblocks/NATIVE_API.md), data-text
 * (UI strings, translated by the host) and data-payload (the screen as the host presented it).
 * The lesson itself is drawn by NihongoCommon.lesson, which the drill's lesson panel uses too.
 */
(function () {
  "use strict";
  var C = window.NihongoCommon, post = C.post, fmt = C.fmt;  /* xblocks/common/public/js/nihongo.js */

  function mount(root) {
    if (!root || root.ngrMounted) { return; }
    root.ngrMounted = true;
    var text = JSON.parse(root.getAttribute("data-text") || "{}");
    var find = function (selector) { return root.querySelector(selector); };
    var list = find(".ngr-list"), view = find(".ngr-lesson-view"), article = find(".nihongo-lesson");
    var points = find(".ngr-points"), status = find(".ngr-status"), error = find(".ngr-error");
    var input = find(".ngr-q"), busy = false;

    function labels() {
      find(".ngr-search-label").textContent = text.search;
      input.placeholder = text.search_hint;
      find(".ngr-search-button").textContent = text.search_button;
      find(".ngr-back").textContent = text.back;
      find(".ngr-lang-text").textContent = text.language;
      find(".ngr-empty").textContent = text.empty;
      error.textContent = text.error;
    }

    function draw(screen) {
      root.lang = screen.language;
      find(".ngr-level").textContent = fmt(text.level, {level: screen.level});
      var n = screen.points.length;
      status.textContent = screen.query && !n ? fmt(text.none_found, {query: screen.query})
        : screen.query ? fmt(text.found, {n: n, total: screen.total}) : fmt(text.count, {n: screen.total});
      points.textContent = "";
      screen.points.forEach(function (point) {
        var a = document.createElement("a");
        a.className = "ngr-point";
        a.href = "#" + point.id;
        a.setAttribute("data-point", point.id);
        var pattern = document.createElement("span");
        pattern.className = "ngr-pattern";
        pattern.lang = "ja";
        pattern.textContent = point.pattern;
        var meaning = document.createElement("span");
        meaning.className = "ngr-meaning";
        meaning.textContent = point.meaning;
        a.appendChild(pattern);
        a.appendChild(meaning);
        var li = document.createElement("li");
        li.appendChild(a);
        points.appendChild(li);
      });
      find(".ngr-empty").hidden = screen.total > 0;
      C.lesson(article, screen.lesson, text);
      list.hidden = !!screen.lesson;
      view.hidden = !screen.lesson;
    }

    var waiting = null;  /* the last call asked for while another was on its way */
    function call(url, body, after) {
      if (busy) { waiting = [url, body, after]; return; }
      busy = true;
      error.hidden = true;
      function next() {
        busy = false;
        if (waiting) { var w = waiting; waiting = null; call(w[0], w[1], w[2]); }
      }
      post(url, body).then(function (screen) {
        if (screen.text) { text = screen.text; labels(); }
        if (!waiting) {
          draw(screen);
          if (after) { after(screen); }
        }
        next();
      }, function () {
        error.hidden = false;
        next();
      });
    }

    function open(pointId) {
      call(root.getAttribute("data-open-url"), {point: pointId}, function (screen) {
        if (screen.lesson) {
          find(".nl-pattern").focus();
          if (root.scrollIntoView) { root.scrollIntoView({block: "start"}); }
        } else {
          input.focus();
        }
      });
    }

    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("[data-point]") : null;
      if (link && root.contains(link)) {
        event.preventDefault();
        open(link.getAttribute("data-point"));
      }
    });
    find(".ngr-back").addEventListener("click", function () { open(null); });
    var typing = null;
    function search() {
      clearTimeout(typing);
      call(root.getAttribute("data-search-url"), {query: input.value});
    }
    find(".ngr-search").addEventListener("submit", function (event) {
      event.preventDefault();
      search();
    });
    input.addEventListener("input", function () {  /* the list narrows as the learner types */
      clearTimeout(typing);
      typing = setTimeout(search, 400);
    });
    find(".ngr-lang").addEventListener("change", function (event) {
      call(root.getAttribute("data-language-url"), {language: event.target.value});
    });
  }

  window.NihongoGrammar = {mount: mount};
  window.GrammarNotesBlock = function (runtime, element) {
    return C.mountIn(element, "nihongo-grammar", mount);
  };
}());
