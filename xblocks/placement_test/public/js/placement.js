/* Kagoshima Nihongo placement test, shared by every host (the XBlock, the LTI tool).
 *
 * window.NihongoPlacement.mount(root) drives a `.nihongo-placement` element carrying data-next-url,
 * data-answer-url and data-language-url (POST JSON, see xblocks/NATIVE_API.md) and data-text (the UI strings, translated by
 * the host). An answer is answered with the next question or the outcome: no key ever reaches the page.
 */
(function () {
  "use strict";
  var C = window.NihongoCommon, post = C.post, fmt = C.fmt;  /* xblocks/common/public/js/nihongo.js */

  function rich(target, plainText, ruby) {  /* furigana as <ruby>, replacing what was there */
    target.textContent = "";
    C.rich(target, plainText, ruby);
  }

  function mount(root) {
    if (!root || root.npMounted) { return; }
    root.npMounted = true;
    var text = JSON.parse(root.getAttribute("data-text") || "{}");
    var find = function (selector) { return root.querySelector(selector); };
    var el = {
      test: find(".np-test"), progress: find(".np-progress"), instruction: find(".np-instruction"),
      prompt: find(".np-prompt"), choices: find(".np-choices"), status: find(".np-status"),
      stimulus: find(".np-stimulus"), stimulusText: find(".np-stimulus-text"), audio: find(".np-audio"),
      outcome: find(".np-outcome"), done: find(".np-done"), level: find(".np-level"), plan: find(".np-plan"),
      next: find(".np-next"), empty: find(".np-empty"), intro: find(".np-intro"), lang: find(".np-lang"),
      audioNote: find(".np-audio-note")
    };
    /* The host's audio URL with the file's name (hash-named: the browser keeps it, replays are free). */
    function audioSrc(name) { return (root.getAttribute("data-audio-url") || "").replace("__AUDIO__", name); }
    if (el.audio.getAttribute("data-audio")) { el.audio.src = audioSrc(el.audio.getAttribute("data-audio")); }
    var busy = false;

    function focusText(focus) {
      return focus.map(function (skill) { return text[skill] || skill; }).join(text.and);
    }

    function showOutcome(outcome, moveFocus) {
      var plan = outcome.plan;
      el.level.textContent = fmt(text.level, {level: outcome.level === "below N5" ? text.below : outcome.level});
      el.plan.textContent = fmt(text.plan, {target: plan.target, date: plan.exam_date, minutes: plan.weekly_minutes});
      el.next.textContent = fmt(text.next_step, {focus: focusText(plan.first_week.focus)});
      el.outcome.hidden = false;
      if (moveFocus) { el.done.focus(); }
    }

    // moveFocus after an answer (its button is gone): keyboard and screen-reader users land on what came next.
    function show(payload, moveFocus) {
      var item = payload.item, progress = payload.progress;
      el.status.textContent = "";
      root.setAttribute("data-item-id", item ? item.id : "");
      el.test.hidden = !item;
      el.empty.hidden = Boolean(item || payload.outcome);
      if (payload.outcome) { showOutcome(payload.outcome, moveFocus); return; }
      if (!item) { return; }
      el.intro.textContent = fmt(text.intro, {max: progress.max_items});
      var n = Math.min(progress.answered + 1, progress.max_items);
      el.progress.textContent = fmt(text.progress, {n: n});
      el.progress.setAttribute("aria-label", fmt(text.progress_label, {n: n, max: progress.max_items}));
      el.instruction.textContent = item.instruction;
      el.stimulus.hidden = !item.stimulus;
      if (item.stimulus) {
        el.stimulusText.textContent = item.stimulus.text || "";
        el.audio.hidden = el.audioNote.hidden = !item.stimulus.audio;
        el.audioNote.textContent = item.stimulus.audio_note || "";
        if (item.stimulus.audio) { el.audio.src = audioSrc(item.stimulus.audio); } else { el.audio.removeAttribute("src"); }
      }
      rich(el.prompt, item.prompt, item.prompt_ruby);
      el.choices.textContent = "";
      item.choices.forEach(function (choice, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "np-choice";
        button.lang = "ja";
        button.setAttribute("data-index", index);
        button.textContent = choice;
        el.choices.appendChild(button);
      });
      if (moveFocus) { el.prompt.focus(); }
    }

    function failed() {
      busy = false;
      el.status.textContent = text.error;
      Array.prototype.forEach.call(el.choices.querySelectorAll(".np-choice"), function (b) { b.disabled = false; });
    }

    el.choices.addEventListener("click", function (event) {
      var button = event.target.closest(".np-choice");
      if (!button || busy) { return; }
      busy = true;
      Array.prototype.forEach.call(el.choices.querySelectorAll(".np-choice"), function (b) { b.disabled = true; });
      var body = {item_id: root.getAttribute("data-item-id"), choice: Number(button.getAttribute("data-index"))};
      post(root.getAttribute("data-answer-url"), body).then(function (payload) {
        busy = false;
        show(payload, true);
      }, function () {
        // Refused (answered in another tab, say): show the question the server holds, then say so.
        post(root.getAttribute("data-next-url"), {}).then(function (payload) { show(payload, true); failed(); }, failed);
      });
    });
    // The language switch: the fixed labels (data-t, data-t-label), then the question or outcome, in the new strings.
    el.lang.addEventListener("change", function () {
      if (busy) { return; }
      busy = true;
      post(root.getAttribute("data-language-url"), {language: el.lang.value}).then(function (payload) {
        busy = false;
        text = payload.text;
        root.lang = payload.language;
        Array.prototype.forEach.call(root.querySelectorAll("[data-t]"), function (n) {
          n.textContent = text[n.getAttribute("data-t")];
        });
        Array.prototype.forEach.call(root.querySelectorAll("[data-t-label]"), function (n) {
          n.setAttribute("aria-label", text[n.getAttribute("data-t-label")]);
        });
        show(payload, false);
      }, failed);
    });
    if (!root.hasAttribute("data-rendered")) {
      post(root.getAttribute("data-next-url"), {}).then(function (payload) { show(payload, false); }, failed);
    }
  }

  window.NihongoPlacement = {mount: mount};

  /* The XBlock runtime's init function: `element` is the block's wrapper (a jQuery object in some hosts). */
  window.PlacementTestBlock = function (runtime, element) { return C.mountIn(element, "nihongo-placement", mount); };
}());
