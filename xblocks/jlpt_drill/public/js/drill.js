/* Kagoshima Nihongo drill, shared by every host (the XBlock, the LTI tool).
 *
 * window.NihongoDrill.mount(root) drives a `.nihongo-drill` element that carries
 * data-next-url, data-answer-url, data-new-round-url, data-language-url (POST JSON, see xblocks/NATIVE_API.md) and
 * data-text (the UI strings, already translated by the host). If the host rendered the current
 * question (data-rendered), mount only binds to it; otherwise it asks data-next-url first.
 * No framework; the answer only ever arrives after the learner has chosen.
 */
(function () {
  "use strict";
  var C = window.NihongoCommon, post = C.post, fmt = C.fmt;  /* xblocks/common/public/js/nihongo.js */

  function paragraph(className, content) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = content;
    return p;
  }

  function rich(target, plainText, ruby) {  /* furigana as <ruby>, replacing what was there */
    target.textContent = "";
    C.rich(target, plainText, ruby);
  }

  function mount(root) {
    if (!root || root.ndMounted) { return; }
    root.ndMounted = true;
    var text = JSON.parse(root.getAttribute("data-text") || "{}");
    var find = function (selector) { return root.querySelector(selector); };
    var el = {
      question: find(".nd-question"), instruction: find(".nd-instruction"), prompt: find(".nd-prompt"),
      choices: find(".nd-choices"), feedback: find(".nd-feedback"), next: find(".nd-next"),
      done: find(".nd-done"), doneTitle: find(".nd-done-title"), score: find(".nd-score"),
      best: find(".nd-best"), again: find(".nd-again"), empty: find(".nd-empty"),
      progress: find(".nd-progress"), days: find(".nd-days"), attribution: find(".nd-attribution"),
      stimulus: find(".nd-stimulus"), stimulusTitle: find(".nd-stimulus-title"),
      stimulusText: find(".nd-stimulus-text"), audio: find(".nd-audio"), lang: find(".nd-lang"),
      lesson: find(".nd-lesson"), lessonBody: find(".nd-lesson .nihongo-lesson"),
      lessonClose: find(".nd-lesson-close"),
      audioNote: find(".nd-audio-note")
    };
    var answered = null; // the last answer's result while its feedback is on screen

    // The fixed labels, again after a language switch (the rest comes with show/showResult).
    function labels() {
      [[".nd-lang-text", "language"], [".nd-next", "next"], [".nd-done-title", "done"], [".nd-again", "again"],
       [".nd-empty", "empty"], [".nd-lesson-close", "close_lesson"]].forEach(function (pair) { find(pair[0]).textContent = text[pair[1]]; });
      el.choices.setAttribute("aria-label", text.choices);
    }

    function showStimulus(stimulus) {
      el.stimulus.hidden = !stimulus;
      if (!stimulus) { return; }
      el.stimulusTitle.textContent = stimulus.title || "";
      rich(el.stimulusText, stimulus.text || "", stimulus.text_ruby);  /* readings over kanji above the level */
      el.audio.hidden = el.audioNote.hidden = !stimulus.audio;
      el.audioNote.textContent = stimulus.audio_note || "";
      if (stimulus.audio) { el.audio.src = audioSrc(stimulus.audio); } else { el.audio.removeAttribute("src"); }
    }
    /* The host's audio URL with the file's name (hash-named: the browser keeps it, replays are free). */
    function audioSrc(name) { return (root.getAttribute("data-audio-url") || "").replace("__AUDIO__", name); }
    if (el.audio.getAttribute("data-audio")) { el.audio.src = audioSrc(el.audio.getAttribute("data-audio")); }
    var busy = false;

    function setProgress(progress, shown) {
      var values = {n: Math.min(shown, progress.item_count), total: progress.item_count};
      el.progress.textContent = fmt(text.progress, values);
      el.progress.setAttribute("aria-label", fmt(text.progress_label, values));
      el.days.textContent = fmt(text.days, {days: progress.days_this_week});
    }

    function setFeedback(className, lines) {
      el.feedback.className = "nd-feedback " + className;
      el.feedback.textContent = "";
      lines.forEach(function (line) { el.feedback.appendChild(paragraph(line[0], line[1])); });
    }

    function show(payload) {
      var item = payload.item, progress = payload.progress;
      answered = null;
      root.setAttribute("data-item-id", item ? item.id : "");
      el.question.hidden = !item;
      if (item) {
        el.instruction.textContent = item.instruction;
        showStimulus(item.stimulus);
        rich(el.prompt, item.prompt, item.prompt_ruby);
        el.prompt.lang = item.prompt_lang || "ja";  // our own types: the meaning in the learner's language
        el.choices.textContent = "";
        item.choices.forEach(function (choice, index) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "nd-choice";
          button.lang = "ja";
          button.setAttribute("data-index", index);
          button.textContent = choice;
          el.choices.appendChild(button);
        });
      }
      el.done.hidden = !payload.round_complete;
      if (payload.round_complete) {
        el.score.textContent = fmt(text.score, {correct: progress.correct, total: progress.item_count});
        el.best.textContent = fmt(text.best, {best: progress.best, total: progress.item_count});
      }
      el.empty.hidden = Boolean(item || payload.round_complete);
      if (payload.attribution) { el.attribution.textContent = payload.attribution; }
      setFeedback("", []);
      closeLesson();
      el.next.hidden = true;
      setProgress(progress, progress.answered + (item ? 1 : 0));
      var focusTarget = item ? el.prompt : (payload.round_complete ? el.doneTitle : null);
      if (focusTarget && root.contains(document.activeElement)) { focusTarget.focus(); }
    }

    function showResult(button, result) {
      var buttons = el.choices.querySelectorAll(".nd-choice");
      Array.prototype.forEach.call(buttons, function (b) {
        b.disabled = true;
        if (Number(b.getAttribute("data-index")) === result.correct_index) { b.classList.add("nd-right"); }
      });
      if (!result.correct) { button.classList.add("nd-wrong"); }
      answered = result;
      feedback(result);
      el.next.hidden = false;
      el.next.focus();
    }

    function feedback(result) {
      setFeedback(result.correct ? "nd-is-right" : "nd-is-wrong",
                  [["nd-result", result.correct ? text.correct : text.wrong], ["nd-explanation", result.explanation]]
                  .concat(result.script ? [["nd-script", result.script]] : []));
      if (result.grammar) { grammarLink(result.grammar); }
      setProgress(result.progress, result.progress.answered);
    }

    /* After a grammar item: "Grammar: <pattern> — Read the lesson", which opens the lesson in this page. */
    function grammarLink(point) {
      var p = paragraph("nd-grammar", fmt(text.grammar, {pattern: point.pattern}) + " — ");
      var link = document.createElement("a");
      link.className = "nd-read-lesson";
      link.href = "#" + point.id;
      link.setAttribute("data-point", point.id);
      link.textContent = text.read_lesson;
      p.appendChild(link);
      el.feedback.appendChild(p);
    }

    function openLesson(pointId) {
      if (busy || !root.getAttribute("data-lesson-url")) { return; }
      busy = true;
      post(root.getAttribute("data-lesson-url"), {point: pointId}).then(function (screen) {
        busy = false;
        C.lesson(el.lessonBody, screen.lesson, text);
        el.lesson.hidden = false;
        var title = el.lessonBody.querySelector(".nl-pattern");
        if (title) { title.focus(); }
      }, failed);
    }

    function closeLesson() {
      el.lesson.hidden = true;
      el.lessonBody.textContent = "";
    }

    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("[data-point]") : null;
      if (!link || !root.contains(link)) { return; }
      event.preventDefault();
      openLesson(link.getAttribute("data-point"));
    });
    el.lessonClose.addEventListener("click", function () {
      closeLesson();
      if (!el.next.hidden) { el.next.focus(); }
    });

    function failed() {
      busy = false;
      setFeedback("nd-is-wrong", [["nd-result", text.error]]);
    }

    function load(urlAttribute) {
      if (busy) { return; }
      busy = true;
      post(root.getAttribute(urlAttribute), {}).then(function (payload) {
        busy = false;
        show(payload);
      }, failed);
    }

    el.choices.addEventListener("click", function (event) {
      var button = event.target.closest(".nd-choice");
      if (!button || button.disabled || busy) { return; }
      busy = true;
      var body = {item_id: root.getAttribute("data-item-id"), choice: Number(button.getAttribute("data-index"))};
      post(root.getAttribute("data-answer-url"), body).then(function (result) {
        busy = false;
        showResult(button, result);
      }, function () {
        // Refused (answered in another tab, say): fetch the question the server holds, then say so.
        busy = false;
        post(root.getAttribute("data-next-url"), {}).then(function (payload) { show(payload); failed(); }, failed);
      });
    });
    // The answer came with the next question (one request per question); a host that does not send it: ask.
    el.next.addEventListener("click", function () {
      if (answered && answered.next && !busy) { show(answered.next); } else { load("data-next-url"); }
    });
    el.again.addEventListener("click", function () { load("data-new-round-url"); });
    // The language switch: new strings, and the screen redrawn in them (feedback stays until Next).
    el.lang.addEventListener("change", function () {
      if (busy) { return; }
      busy = true;
      post(root.getAttribute("data-language-url"), {language: el.lang.value}).then(function (payload) {
        busy = false;
        text = payload.text;
        root.lang = payload.language;
        labels();
        if (answered) {
          answered.explanation = payload.explanation || answered.explanation;
          answered.next = payload;  // the pending question, now in the new language
          feedback(answered);
        } else {
          show(payload);
        }
      }, failed);
    });
    if (!root.hasAttribute("data-rendered")) { load("data-next-url"); }
  }

  window.NihongoDrill = {mount: mount};

  /* The XBlock runtime's init function: `element` is the block's wrapper (a jQuery object in some hosts). */
  window.JlptDrillBlock = function (runtime, element) { return C.mountIn(element, "nihongo-drill", mount); };
}());
