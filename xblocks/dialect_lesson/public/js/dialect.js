/* Kagoshima Nihongo dialect lesson, shared by every host (the XBlock, the LTI tool).
 *
 * window.NihongoDialect.mount(root) drives a `.nihongo-dialect` element carrying data-next-url,
 * data-answer-url, data-new-round-url, data-language-url (POST JSON, see xblocks/NATIVE_API.md),
 * data-text (UI strings, translated by the host) and data-payload (the lesson as the host presented
 * it). No framework; the answer only ever arrives after the learner has chosen.
 */
(function () {
  "use strict";
  var C = window.NihongoCommon, post = C.post, fmt = C.fmt;  /* xblocks/common/public/js/nihongo.js */

  function node(tag, className, content, lang) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content) { el.textContent = content; }
    if (lang) { el.lang = lang; }
    return el;
  }

  var rich = C.rich;  /* furigana as <ruby>, appended */

  function lines(list, target, withStandard) {
    target.textContent = "";
    (list || []).forEach(function (line) {
      var li = node("li", "ndl-line");
      if (line.speaker) { li.appendChild(node("span", "ndl-speaker", line.speaker + ": ")); }
      rich(li, line.text, line.ruby);
      if (withStandard && line.standard && line.standard !== line.text) {
        li.appendChild(node("span", "ndl-line-standard", line.standard));
      }
      target.appendChild(li);
    });
    target.hidden = !(list && list.length);
  }

  function japaneseVoice() {
    var synth = window.speechSynthesis;
    if (!synth || !window.SpeechSynthesisUtterance) { return null; }
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^ja([-_]|$)/i.test(voices[i].lang)) { return voices[i]; }
    }
    return null;
  }

  function mount(root) {
    if (!root || root.ndlMounted) { return; }
    root.ndlMounted = true;
    var text = JSON.parse(root.getAttribute("data-text") || "{}");
    var find = function (selector) { return root.querySelector(selector); };
    var el = {};
    ["lesson", "intro", "term", "explanation", "examples", "sources", "progress", "question", "notice",
     "instruction", "prompt", "dialogue", "listen", "voice-note", "show-script", "script", "script-lines",
     "choices", "feedback", "next", "done", "done-title", "score", "best", "not-counted", "again", "empty",
     "lang"]
      .forEach(function (name) { el[name] = find(".ndl-" + name); });
    var current = null, busy = false;

    function labels() {
      var set = function (selector, value) { var n = find(selector); if (n) { n.textContent = value; } };
      set(".ndl-lang-text", text.language); set(".ndl-examples-title", text.examples);
      set(".ndl-th-standard", text.standard); set(".ndl-th-kagoshima", text.kagoshima);
      set(".ndl-sources-label", text.sources); set(".ndl-listen", text.listen);
      set(".ndl-voice-note", text.voice_note); set(".ndl-show-script", text.show_script);
      set(".ndl-script-title", text.script); set(".ndl-next", text.next); set(".ndl-done-title", text.done);
      set(".ndl-again", text.again); set(".ndl-empty", text.empty);
      el.choices.setAttribute("aria-label", text.choices);
    }

    /* The shipped recordings of the dialogue (synthetic, standard accent), played line after line; a
       phrase without them is read by the device's own Japanese voice, when it has one. */
    var player = new Audio(), queue = [];
    player.preload = "none";
    player.addEventListener("ended", function () { if (queue.length) { player.src = queue.shift(); player.play(); } });
    function audioSrc(name) { return (root.getAttribute("data-audio-url") || "").replace("__AUDIO__", name); }

    function voiceButton() {
      var recorded = Boolean(current && current.audio && current.audio.length);
      var speakable = recorded || Boolean(current && current.speak && japaneseVoice());
      el.listen.hidden = !speakable;
      el["voice-note"].hidden = !speakable;
    }

    function setProgress(progress, n) {
      var values = {n: Math.min(n, progress.total), total: progress.total};
      el.progress.textContent = fmt(text.progress, values);
      el.progress.setAttribute("aria-label", fmt(text.progress_label, values));
    }

    function setFeedback(className, parts) {
      el.feedback.className = "ndl-feedback " + className;
      el.feedback.textContent = "";
      parts.forEach(function (part) { if (part) { el.feedback.appendChild(part); } });
    }

    function showLesson(lesson) {
      el.lesson.textContent = lesson.title;
      el.term.textContent = lesson.term || lesson.title;
      el.explanation.textContent = lesson.explanation || "";
      var rows = el.examples.querySelector("tbody");
      rows.textContent = "";
      (lesson.examples || []).forEach(function (example) {
        var tr = node("tr");
        tr.appendChild(node("td", "", example.standard));
        tr.appendChild(node("td", "", example.dialect));
        rows.appendChild(tr);
      });
      el.examples.hidden = !(lesson.examples && lesson.examples.length);
      el.sources.hidden = !(lesson.sources && lesson.sources.length);
      if (lesson.sources) {
        el.sources.textContent = "";
        el.sources.appendChild(node("span", "ndl-sources-label", text.sources));
        el.sources.appendChild(document.createTextNode(": " + lesson.sources.join(", ")));
      }
      el.intro.hidden = !(lesson.explanation || (lesson.examples && lesson.examples.length));
    }

    function show(payload) {
      var exercise = payload.exercise, progress = payload.progress;
      current = exercise;
      root.setAttribute("data-exercise-id", exercise ? exercise.id : "");
      root.lang = payload.language;
      showLesson(payload.lesson);
      el.question.hidden = !exercise;
      el.question.classList.toggle("ndl-fast", Boolean(exercise && exercise.kind === "safety"));
      if (exercise) {
        var notice = exercise.practice_only ?
          (exercise.flags.indexOf("recognition_only") >= 0 ? text.recognition : text.practice) : "";
        el.notice.textContent = notice;
        el.notice.hidden = !notice;
        el.instruction.textContent = text["ask_" + exercise.kind] || "";
        el.prompt.textContent = exercise.prompt || "";
        el.prompt.hidden = !exercise.prompt;
        lines(exercise.dialogue, el.dialogue, false);
        lines(exercise.script, el["script-lines"], false);
        el.script.hidden = true;
        el["show-script"].hidden = !exercise.script;
        el["show-script"].setAttribute("aria-expanded", "false");
        el.choices.textContent = "";
        exercise.choices.forEach(function (choice, index) {
          var button = node("button", "ndl-choice", choice, exercise.choices_lang);
          button.type = "button";
          button.setAttribute("data-index", index);
          el.choices.appendChild(button);
        });
      }
      voiceButton();
      el.done.hidden = !payload.round_complete;
      if (payload.round_complete) {
        var scored = progress.scored_total > 0;
        el.score.textContent = scored ? fmt(text.score, {correct: progress.scored_correct, total: progress.scored_total})
          : text.no_score;
        el.best.textContent = fmt(text.best, {best: progress.best, total: progress.scored_total});
        el.best.hidden = !scored;
        var practiceOnly = progress.total - progress.scored_total;
        el["not-counted"].textContent = fmt(text.not_counted, {n: practiceOnly});
        el["not-counted"].hidden = practiceOnly <= 0;
      }
      el.empty.hidden = Boolean(exercise || payload.round_complete);
      setFeedback("", []);
      el.next.hidden = true;
      setProgress(progress, progress.answered + (exercise ? 1 : 0));
      var focusTarget = exercise ? (exercise.prompt ? el.prompt : el.instruction) : (payload.round_complete ? el["done-title"] : null);
      if (focusTarget && root.contains(document.activeElement)) {
        if (!focusTarget.hasAttribute("tabindex")) { focusTarget.setAttribute("tabindex", "-1"); }
        focusTarget.focus();
      }
    }

    function showResult(button, result) {
      Array.prototype.forEach.call(el.choices.querySelectorAll(".ndl-choice"), function (b) {
        b.disabled = true;
        if (Number(b.getAttribute("data-index")) === result.correct_index) { b.classList.add("ndl-right"); }
      });
      if (!result.correct) { button.classList.add("ndl-wrong"); }
      var fb = result.feedback, dialogue = null;
      if (fb.dialogue && fb.dialogue.length) {
        dialogue = node("ol", "ndl-dialogue", "", "ja");
        lines(fb.dialogue, dialogue, true);
      }
      setFeedback(result.correct ? "ndl-is-right" : "ndl-is-wrong", [
        node("p", "ndl-result", result.correct ? text.correct : text.wrong),
        result.practice_only ? node("p", "ndl-notice-line", el.notice.textContent) : null,
        node("p", "ndl-pair", fb.form + " \u2192 " + fb.standard, "ja"),
        fb.meaning && fb.meaning !== fb.standard ? node("p", "ndl-meaning", fb.meaning) : null,
        fb.action ? node("p", "ndl-action-line", fb.action) : null,
        fb.usage ? node("p", "ndl-usage", fb.usage) : null,
        dialogue
      ]);
      // the feedback now holds the whole dialogue with its standard Japanese: the script box can go
      if (result.script) { el.script.hidden = true; el["show-script"].hidden = true; }
      setProgress(result.progress, result.progress.answered);
      el.next.hidden = false;
      el.next.focus();
    }

    function failed() {
      busy = false;
      setFeedback("ndl-is-wrong", [node("p", "ndl-result", text.error)]);
    }

    function load(urlAttribute, body) {
      if (busy) { return; }
      busy = true;
      post(root.getAttribute(urlAttribute), body || {}).then(function (payload) {
        busy = false;
        if (payload.text) { text = payload.text; labels(); }
        show(payload);
      }, failed);
    }

    el.choices.addEventListener("click", function (event) {
      var button = event.target.closest(".ndl-choice");
      if (!button || button.disabled || busy) { return; }
      busy = true;
      var body = {exercise_id: root.getAttribute("data-exercise-id"), choice: Number(button.getAttribute("data-index"))};
      post(root.getAttribute("data-answer-url"), body).then(function (result) {
        busy = false;
        showResult(button, result);
      }, function () {
        // Refused (answered in another tab, say): show the exercise the server holds, then say so.
        busy = false;
        post(root.getAttribute("data-next-url"), {}).then(function (payload) { show(payload); failed(); }, failed);
      });
    });
    el.next.addEventListener("click", function () { load("data-next-url"); });
    el.again.addEventListener("click", function () { load("data-new-round-url"); });
    el.lang.addEventListener("change", function () { load("data-language-url", {language: el.lang.value}); });
    el["show-script"].addEventListener("click", function () {
      el.script.hidden = false;
      el["show-script"].setAttribute("aria-expanded", "true");
      el["show-script"].hidden = true;
    });
    el.listen.addEventListener("click", function () {
      if (current && current.audio && current.audio.length) {
        queue = current.audio.map(audioSrc);
        player.src = queue.shift();
        player.play();
        return;
      }
      var voice = japaneseVoice();
      if (!voice || !current || !current.speak) { return; }
      window.speechSynthesis.cancel();
      var utterance = new window.SpeechSynthesisUtterance(current.speak);
      utterance.lang = voice.lang;
      utterance.voice = voice;
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
    if (window.speechSynthesis && window.speechSynthesis.addEventListener) {
      window.speechSynthesis.addEventListener("voiceschanged", voiceButton);
    }
    var initial = JSON.parse(root.getAttribute("data-payload") || "null");
    if (initial) { show(initial); } else { load("data-next-url"); }
  }

  window.NihongoDialect = {mount: mount};

  /* The XBlock runtime's init function: `element` is the block's wrapper (a jQuery object in some hosts). */
  window.DialectLessonBlock = function (runtime, element) { return C.mountIn(element, "nihongo-dialect", mount); };
}());
