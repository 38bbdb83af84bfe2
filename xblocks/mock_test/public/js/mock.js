/* Kagoshima Nihongo mock test, shared by every host (the XBlock, the LTI tool).
 *
 * window.NihongoMock.mount(root) drives a `.nihongo-mock` element that carries data-urls (the JSON
 * endpoints: start, state, answer, flag, go_to, next_section, finish, set_language; see NATIVE_API.md),
 * data-text (the UI strings, translated by the host) and data-state (the page's first payload).
 * A CBT screen: time left, a palette of questions (answered, flagged), free movement, flag for review.
 * Choices are kept on the server as they are made; answers arrive only after the test is finished.
 * No framework.
 */
(function () {
  "use strict";
  var C = window.NihongoCommon, post = C.post, fmt = C.fmt;  /* xblocks/common/public/js/nihongo.js */

  function make(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function appendRuby(target, parts) {  /* [[base, reading-or-null], ...] as text and <ruby>, no HTML strings */
    parts.forEach(function (part) {
      if (!part[1]) { target.appendChild(document.createTextNode(part[0])); return; }
      var ruby = make("ruby", "", part[0]);
      ruby.appendChild(make("rt", "", part[1]));
      target.appendChild(ruby);
    });
  }

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function mount(root) {
    if (!root || root.nmMounted) { return; }
    root.nmMounted = true;
    var text = JSON.parse(root.getAttribute("data-text") || "{}");
    var urls = JSON.parse(root.getAttribute("data-urls") || "{}");
    var find = function (selector) { return root.querySelector(selector); };
    var el = {};
    ["intro", "intro-size", "short", "start", "test", "section", "timer", "count", "question", "number",
     "instruction", "stimulus", "stimulus-title", "stimulus-text", "audio", "prompt", "choices", "prev", "flag",
     "next", "palette", "next-section", "finish", "confirm", "confirm-text", "yes", "no", "result",
     "result-title", "verdict", "total", "scores", "reasons", "study", "result-short", "review", "again",
     "intro-version", "result-version", "all-taken",
     "status", "attribution", "lang", "audio-note"].forEach(function (name) {
      el[name.replace(/-(\w)/g, function (w, c) { return c.toUpperCase(); })] = find(".nm-" + name);
    });
    var data = null, test = null, index = 0, deadline = 0, ticking = null, retrying = null;
    var pending = {}, latest = {}, queue = Promise.resolve();
    /* Answers not yet confirmed by the server survive a reload or a closed tab (this tab's storage). */
    var unsentKey = "nihongo-mock-unsent:" + urls.answer, unsent = {};
    function keep() { try { sessionStorage.setItem(unsentKey, JSON.stringify(unsent)); } catch (e) { /* private mode */ } }
    var confirmed = null, returnFocus = null;
    /* Listening plays once, as in the exam: a script whose audio has started is not offered again in this
       test (kept in this tab, cleared by a new test); no seeking back while it plays. */
    var playedKey = "nihongo-mock-played:" + urls.answer, played = {}, heardUpTo = 0;
    try { played = JSON.parse(sessionStorage.getItem(playedKey) || "{}"); } catch (e) { played = {}; }
    function audioSrc(name) { return (urls.audio || "").replace("__AUDIO__", name); }
    el.audio.addEventListener("play", function () {
      played[el.audio.getAttribute("data-stimulus")] = true;
      try { sessionStorage.setItem(playedKey, JSON.stringify(played)); } catch (e) { /* private mode */ }
    });
    el.audio.addEventListener("timeupdate", function () { heardUpTo = Math.max(heardUpTo, el.audio.currentTime); });
    el.audio.addEventListener("seeking", function () {
      if (el.audio.currentTime < heardUpTo - 0.5) { el.audio.currentTime = heardUpTo; }
    });
    el.audio.addEventListener("ended", function () { el.audio.hidden = true; });

    function say(message) { el.status.textContent = message || ""; }

    function failed(error) {
      if (error && error.status === 400) { refresh(text.refused); } else { say(text.error); }
    }


    function refresh(message) {
      post(urls.state, {}).then(function (payload) { show(payload); say(message); }, function () { say(text.error); });
    }

    function show(payload) {
      data = payload;
      el.intro.hidden = payload.status !== "ready";
      el.test.hidden = payload.status !== "running";
      el.result.hidden = payload.status !== "finished";
      el.confirm.hidden = true;
      el.attribution.textContent = payload.attribution || "";
      clearInterval(ticking);
      if (payload.status === "ready") { intro(payload.form); }
      if (payload.status === "running") { running(payload.test); }
      if (payload.status === "finished") { result(payload.result, payload.review || []); again(payload); }
    }

    /* The form on screen (A, B or C), and what "another test" gives: the learner's next form, or after
     * all three the one taken longest ago (said so), or the author's fixed form again. */
    function version(v) { return v ? fmt(text.version, {version: v}) : ""; }
    function again(payload) {
      var forms = payload.versions || {}, next = forms.next;
      el.resultVersion.textContent = version(payload.form.version);
      el.allTaken.hidden = !forms.all_taken;
      el.allTaken.textContent = forms.all_taken ? fmt(text.all_taken, {version: next}) : "";
      el.again.textContent = forms.choice === "next" && !forms.all_taken ? text.again
        : fmt(text.retake, {version: next});
    }

    function intro(form) {
      el.introVersion.textContent = version(form.version);
      el.introSize.textContent = fmt(text.intro, {count: form.planned_count, minutes: form.minutes});
      el.short.hidden = form.planned_count >= form.item_count;
      el.short.textContent = fmt(text.short, {count: form.planned_count, full: form.item_count});
      el.start.disabled = !form.planned_count;
      if (!form.planned_count) { say(text.empty); }
    }

    function running(t) {
      test = t;
      index = 0;
      t.items.forEach(function (item, k) { if (item.id === t.position) { index = k; } });
      var open = 0;
      t.sections.forEach(function (s, k) { if (s.open) { open = k; } });
      el.section.textContent = data.form.timed_by_section
        ? fmt(text.section, {n: open + 1, total: t.sections.length, name: t.sections[open].name}) : data.form.level;
      el.nextSection.hidden = !data.form.timed_by_section || open === t.sections.length - 1;
      deadline = Date.now() + t.remaining_seconds * 1000;
      tick();
      ticking = setInterval(tick, 1000);
      draw(false);
    }

    function tick() {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      el.timer.textContent = clock(left);
      el.timer.setAttribute("aria-label", fmt(text.time_left, {time: clock(left)}));
      if (left === 300 || left === 60) { say(fmt(text.minutes_left, {minutes: left / 60})); }
      if (!left) {
        clearInterval(ticking);
        flush().then(function () { refresh(text.time_up); });
      }
    }

    function answered(id) { return Object.prototype.hasOwnProperty.call(test.answers, id); }

    function draw(focus) {
      var item = test.items[index];
      el.count.textContent = fmt(text.answered_count, {answered: Object.keys(test.answers).length,
                                                       total: test.items.length});
      palette();
      el.question.hidden = !item;
      el.prev.disabled = index <= 0;
      el.next.disabled = index >= test.items.length - 1;
      el.flag.disabled = !item;
      if (!item) { return; }
      el.number.textContent = fmt(text.question_of, {n: index + 1, total: test.items.length});
      el.instruction.textContent = item.instruction;
      var stimulus = item.stimulus;
      el.stimulus.hidden = !stimulus;
      if (stimulus) {
        el.stimulusTitle.textContent = stimulus.title || "";
        el.stimulusText.textContent = "";  /* readings over kanji above the level, as <ruby> */
        if (stimulus.text_ruby) { appendRuby(el.stimulusText, stimulus.text_ruby); }
        else { el.stimulusText.textContent = stimulus.text || ""; }
        var fresh = stimulus.audio && !played[stimulus.id];
        el.audio.hidden = !fresh;
        el.audioNote.hidden = !stimulus.audio;
        el.audioNote.textContent = stimulus.audio ? stimulus.audio_note + " · " + stimulus.audio_once : "";
        if (fresh && el.audio.getAttribute("data-stimulus") !== stimulus.id) {
          el.audio.src = audioSrc(stimulus.audio);
          el.audio.setAttribute("data-stimulus", stimulus.id);
          heardUpTo = 0;
        } else if (!fresh) { el.audio.pause(); el.audio.removeAttribute("src"); el.audio.removeAttribute("data-stimulus"); }
      }
      el.prompt.textContent = "";
      if (item.prompt_ruby) { appendRuby(el.prompt, item.prompt_ruby); } else { el.prompt.textContent = item.prompt; }
      el.choices.textContent = "";
      item.choices.forEach(function (choice, k) {
        var button = make("button", "nm-choice", choice);
        button.type = "button";
        button.lang = "ja";
        button.setAttribute("data-index", k);
        button.setAttribute("aria-pressed", String(test.answers[item.id] === k));
        el.choices.appendChild(button);
      });
      var flagged = test.flags.indexOf(item.id) >= 0;
      el.flag.setAttribute("aria-pressed", String(flagged));
      el.flag.textContent = flagged ? text.unflag : text.flag;
      if (focus) { el.number.focus(); }
    }

    function palette() {
      el.palette.textContent = "";
      var names = {}, open = test.sections.filter(function (s) { return s.open; });
      test.sections.forEach(function (s) { names[s.key] = s.name; });
      test.items.forEach(function (item, k) {
        var done = answered(item.id), flagged = test.flags.indexOf(item.id) >= 0;
        if (open.length > 1 && (!k || test.items[k - 1].section !== item.section)) {
          el.palette.appendChild(make("span", "nm-palette-head", names[item.section])).lang = "ja";
        }
        var button = make("button", "nm-cell" + (done ? " nm-answered" : "") + (flagged ? " nm-flagged" : ""),
                          String(k + 1));
        button.type = "button";
        button.setAttribute("data-index", k);
        button.setAttribute("aria-label", fmt(text.question, {n: k + 1}) + text.separator +
          (done ? text.answered : text.unanswered) + (flagged ? text.separator + text.flagged : ""));
        if (k === index) { button.setAttribute("aria-current", "true"); }
        el.palette.appendChild(button);
      });
    }

    /* Answers go one after another, so the server keeps the last choice; a choice overtaken by a newer
     * one for the same question is dropped, and one that met no connection is kept to send again. */
    function send(id, choice) {
      queue = queue.then(function () {
        if (latest[id] !== choice) { return; }
        return post(urls.answer, {item_id: id, choice: choice}).then(function () {
          if (pending[id] === choice) { delete pending[id]; }
          if (unsent[id] === choice) { delete unsent[id]; keep(); }
          if (retrying && !Object.keys(pending).length) { clearInterval(retrying); retrying = null; say(""); }
        }, function (error) {
          if (latest[id] !== choice) { return; }
          if (error.status) { delete pending[id]; delete unsent[id]; keep(); failed(error); return; }
          pending[id] = choice;
          say(text.offline);
          if (!retrying) { retrying = setInterval(flush, 10000); }
        });
      });
      return queue;
    }

    /* After a reload: send again what the last page could not confirm, if the test still runs. */
    function resend() {
      try { unsent = JSON.parse(sessionStorage.getItem(unsentKey) || "{}") || {}; } catch (e) { unsent = {}; }
      if (!test || !data || data.status !== "running") { unsent = {}; keep(); place(null); return; }
      var ids = test.items.map(function (item) { return item.id; });
      Object.keys(unsent).forEach(function (id) {
        if (ids.indexOf(id) < 0) { delete unsent[id]; return; }
        test.answers[id] = unsent[id];
        latest[id] = unsent[id];
        send(id, unsent[id]);
      });
      keep();
      var kept = null;
      try { kept = sessionStorage.getItem(placeKey); } catch (e) { kept = null; }
      var at = kept ? ids.indexOf(kept) : -1;
      if (at >= 0 && at !== index) { goTo(at, false); }
      draw(false);
    }

    function flush() {
      Object.keys(pending).forEach(function (id) { send(id, pending[id]); });
      return queue;
    }

    /* Every request that saves the record waits its turn behind the answers: two at once would each save
     * the record as they read it, and the later would undo the earlier (a jump that loses an answer). */
    function inTurn(request) {
      var turn = queue.then(request);
      queue = turn.catch(function () { /* the caller reports it */ });
      return turn;
    }

    /* The question this tab last went to is kept in the tab too: a reload just after "Previous" comes back
     * to it even when the jump had not reached the server, or crossed the reloaded page's request. */
    var placeKey = "nihongo-mock-place:" + urls.answer;
    function place(id) {
      try { if (id) { sessionStorage.setItem(placeKey, id); } else { sessionStorage.removeItem(placeKey); } }
      catch (e) { /* private mode */ }
    }

    var shownId = null;
    function goTo(k, focus) {
      if (k < 0 || k >= test.items.length) { return; }
      index = k;
      draw(focus);
      var id = shownId = test.items[k].id;
      place(id);
      inTurn(function () {
        if (shownId !== id) { return; }  // the learner has moved on: only the last question shown is kept
        return post(urls.go_to, {item_id: id});
      }).catch(function (error) { if (error.status) { place(null); failed(error); } });
    }

    function ask(message, action, trigger) {
      el.confirmText.textContent = message;
      el.confirm.hidden = false;
      confirmed = action;
      returnFocus = trigger;
      el.yes.focus();
    }

    function end(url) {
      flush();
      place(null);  // a new section, or the result: the server says where
      inTurn(function () { return post(url, {}); }).then(function (payload) {
        show(payload);
        (payload.status === "finished" ? el.resultTitle : el.number).focus();
      }, failed);
    }

    // The language switch: the fixed labels (data-t, data-t-label), then the page, in the new strings.
    function relabel() {
      Array.prototype.forEach.call(root.querySelectorAll("[data-t]"), function (n) {
        n.textContent = text[n.getAttribute("data-t")];
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-t-label]"), function (n) {
        n.setAttribute("aria-label", text[n.getAttribute("data-t-label")]);
      });
    }

    function switchLanguage() {
      var code = el.lang.value;
      flush();
      inTurn(function () { return post(urls.set_language, {language: code}); }).then(function (payload) {
        text = payload.text;
        root.lang = payload.language;
        relabel();
        show(payload);
      }, failed);
    }

    function begin() {
      played = {};
      place(null);
      try { sessionStorage.removeItem(playedKey); } catch (e) { /* private mode */ }
      post(urls.start, {}).then(function (payload) { show(payload); el.number.focus(); }, failed);
    }

    function result(shown, review) {
      var report = shown.report;
      el.verdict.className = "nm-verdict " + (report.passed ? "nm-pass" : report.passed === false ? "nm-fail" : "");
      el.verdict.textContent = report.passed ? text.passed : report.passed === false ? text.failed : text.unjudged;
      el.total.textContent = report.total === null ? "" :
        fmt(text.total, {total: report.total, maximum: report.maximum, pass_mark: report.pass_mark}) +
        (report.band ? text.separator + fmt(text.band, {band: report.band}) : "");
      el.reasons.textContent = report.total !== null && report.total < report.pass_mark
        ? fmt(text.below_pass, {pass_mark: report.pass_mark}) : "";
      var body = el.scores.tBodies[0];
      body.textContent = "";
      report.sections.forEach(function (s) {
        var row = body.insertRow(), below = s.score !== null && s.score < s.minimum;
        row.appendChild(make("th", "", s.name)).setAttribute("scope", "row");
        row.insertCell().textContent = s.score === null ? "–" : s.score + " / " + s.maximum;
        row.insertCell().textContent = fmt(text.correct_of, {correct: s.correct, total: s.total});
        row.insertCell().textContent = s.minimum ? (below ? text.below_minimum : fmt(text.minimum, {minimum: s.minimum})) : "";
        if (below) { row.className = "nm-below"; }
      });
      el.study.textContent = "";
      report.study_next.forEach(function (t) {
        el.study.appendChild(make("li", "", t.name + " (" + fmt(text.correct_of, {correct: t.correct, total: t.total}) + ")"));
      });
      if (!report.study_next.length) { el.study.appendChild(make("li", "", text.nothing_missed)); }
      el.resultShort.hidden = shown.item_count >= shown.full_count;
      el.resultShort.textContent = fmt(text.short, {count: shown.item_count, full: shown.full_count});
      var list = el.review.querySelector("ol");
      list.textContent = "";
      review.forEach(function (row) {
        var li = make("li", row.correct ? "nm-right" : "nm-wrong");
        li.appendChild(make("p", "nm-review-prompt", row.prompt)).lang = "ja";
        li.appendChild(make("p", "", fmt(text.your_answer, {choice: row.choice === null ? text.no_answer
                                                                     : row.choices[row.choice]})));
        li.appendChild(make("p", "", fmt(text.right_answer, {choice: row.choices[row.answer]})));
        li.appendChild(make("p", "nm-note", row.explanation));
        if (row.script) { li.appendChild(make("p", "nm-script", row.script)).lang = "ja"; }
        if (row.grammar && urls.lesson) {  /* "Grammar: <pattern> — Read the lesson", opened in the row */
          var line = li.appendChild(make("p", "nm-grammar", fmt(text.grammar, {pattern: row.grammar.pattern}) + " — "));
          var link = line.appendChild(make("a", "nm-read-lesson", text.read_lesson));
          link.href = "#" + row.grammar.id;
          link.setAttribute("data-point", row.grammar.id);
          li.appendChild(make("article", "nihongo-lesson")).hidden = true;
        }
        list.appendChild(li);
      });
    }

    el.review.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("[data-point]") : null;
      if (!link) { return; }
      event.preventDefault();
      var article = link.closest("li").querySelector(".nihongo-lesson");
      post(urls.lesson, {point: link.getAttribute("data-point")}).then(function (screen) {
        C.lesson(article, screen.lesson, text);
        article.hidden = false;
        var title = article.querySelector(".nl-pattern");
        if (title) { title.focus(); }
      }, function () { say(text.error); });
    });

    el.choices.addEventListener("click", function (event) {
      var button = event.target.closest(".nm-choice"), item = test.items[index];
      if (!button) { return; }
      var choice = Number(button.getAttribute("data-index"));
      test.answers[item.id] = choice;
      latest[item.id] = choice;
      unsent[item.id] = choice;
      keep();
      draw(false);
      el.choices.querySelector('[data-index="' + choice + '"]').focus();
      send(item.id, choice);
    });
    el.flag.addEventListener("click", function () {
      var item = test.items[index], flagged = test.flags.indexOf(item.id) < 0;
      test.flags = test.flags.filter(function (id) { return id !== item.id; }).concat(flagged ? [item.id] : []);
      draw(false);
      inTurn(function () { return post(urls.flag, {item_id: item.id, flagged: flagged}); }).catch(failed);
    });
    el.palette.addEventListener("click", function (event) {
      var cell = event.target.closest(".nm-cell");
      if (cell) { goTo(Number(cell.getAttribute("data-index")), true); }
    });
    el.prev.addEventListener("click", function () { goTo(index - 1, true); });
    el.next.addEventListener("click", function () { goTo(index + 1, true); });
    el.finish.addEventListener("click", function () {
      ask(fmt(text.finish_confirm, {unanswered: test.items.length - Object.keys(test.answers).length}),
          function () { end(urls.finish); }, el.finish);
    });
    el.nextSection.addEventListener("click", function () {
      ask(text.next_section_confirm, function () { end(urls.next_section); }, el.nextSection);
    });
    el.yes.addEventListener("click", function () { el.confirm.hidden = true; confirmed(); });
    el.no.addEventListener("click", function () { el.confirm.hidden = true; returnFocus.focus(); });
    el.start.addEventListener("click", begin);
    el.again.addEventListener("click", begin);
    el.lang.addEventListener("change", switchLanguage);
    window.addEventListener("online", flush);
    show(JSON.parse(root.getAttribute("data-state")));
    resend();
  }

  window.NihongoMock = {mount: mount};

  /* The XBlock runtime's init function: `element` is the block's wrapper (a jQuery object in some hosts). */
  window.MockTestBlock = function (runtime, element) { return C.mountIn(element, "nihongo-mock", mount); };
}());
