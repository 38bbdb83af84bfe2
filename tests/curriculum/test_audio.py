"""The synthetic audio of listening scripts and dialect lines: every one has a current, intact file
within the size limits; the plan tells speakers apart and reads what the exam reads; a rebuild gives
the same bytes (when Open JTalk is installed)."""

import hashlib
import json
import shutil
import statistics
from pathlib import Path

import pytest

from curriculum import audio, build_audio
from curriculum.bank import default_bank
from curriculum.content_check import check, format_counts
from curriculum.dialect import default_content

FILES = audio.read_manifest()["files"]
JOBS = build_audio.all_jobs()


def test_every_listening_item_in_the_bank_has_its_audio():
    listening = [i for i in default_bank() if i.type.value in build_audio.LISTENING_TYPES]
    assert len(listening) >= 143
    without = [i.id for i in listening if not audio.audio_file(i.stimulus)]
    assert without == [], "run `nihongo content build-audio` (then commit curriculum/content/audio)"


def test_every_dialect_dialogue_line_has_its_audio():
    lines = [(e.id, n) for e in default_content().expressions.values() for n in range(len(e.dialogue))]
    assert len(lines) >= 190
    assert [key for key in (audio.dialect_key(*line) for line in lines) if not audio.audio_file(key)] == []


def test_no_audio_is_stale_every_file_matches_its_checksum_and_none_is_left_over():
    stale = [job.key for job in JOBS if FILES[job.key]["plan"] != job.plan]
    assert stale == [], f"these scripts changed since their audio was built: {stale[:5]}; run " \
                        "`nihongo content build-audio`"
    for key, entry in FILES.items():
        data = (audio.AUDIO_DIR / entry["file"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"]), key
        assert hashlib.sha256(data).hexdigest()[:10] in entry["file"]  # the name changes with the bytes
    shipped = {p.relative_to(audio.AUDIO_DIR).as_posix() for p in audio.AUDIO_DIR.rglob("*.opus")}
    assert shipped == {entry["file"] for entry in FILES.values()}
    assert set(FILES) == {job.key for job in JOBS}


def test_files_are_mono_ogg_opus_labelled_synthetic():
    for entry in list(FILES.values())[::25]:
        head = (audio.AUDIO_DIR / entry["file"]).read_bytes()[:400]
        assert head.startswith(b"OggS")
        opus_head = head.index(b"OpusHead")
        assert head[opus_head + 9] == 1  # one channel
        assert b"Synthetic speech (Open JTalk" in head


def test_sizes_stay_within_the_limits():
    listening = [FILES[j.key]["bytes"] for j in JOBS if j.folder == "listening"]
    assert max(listening) <= build_audio.MAX_BYTES == 60_000
    assert statistics.median(listening) <= 40_000
    everything = sum(p.stat().st_size for p in audio.AUDIO_DIR.rglob("*") if p.is_file())
    assert everything <= 30_000_000  # the repository's growth for audio (issue 18)


def test_the_content_check_counts_audio_and_misses_none():
    report = check()
    assert report.ok, report.problems[:3]
    assert report.audio["listening_missing"] == 0 and report.audio["stale"] == 0
    assert report.audio["listening_scripts"] >= 143 and report.audio["dialect_lines"] >= 190
    assert "0 missing" in format_counts(report)


def test_the_content_check_names_a_script_without_audio(tmp_path):
    shutil.copytree(build_audio.CONTENT_DIR / "authored", tmp_path / "authored")
    (tmp_path / "audio").mkdir()
    manifest = audio.read_manifest()
    del manifest["files"]["n5-script-task-1"]
    edited = dict(manifest["files"]["n5-script-task-2"], plan="0" * 64)
    manifest["files"]["n5-script-task-2"] = edited
    for entry in manifest["files"].values():
        target = tmp_path / "audio" / entry["file"]
        target.parent.mkdir(exist_ok=True)
        target.write_bytes((audio.AUDIO_DIR / entry["file"]).read_bytes())
    (tmp_path / "audio" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = check(tmp_path)
    text = "\n".join(report.problems)
    assert "have no audio (n5-script-task-1)" in text
    assert "changed since their audio was built (n5-script-task-2)" in text
    assert "nihongo content build-audio" in text


# --- the plan: what is read, in which voice -----------------------------------------------------

TASK = ("かいしゃで 男の人と 女の人が 話して います。女の人は あした 何時に 来ますか。\n"
        "男：あしたは 9じから {会議|かいぎ}が あります。\n女：はい。\n女の人は あした 何時に 来ますか。")


def test_a_task_script_reads_the_question_before_and_after_with_the_speakers_in_different_voices():
    segments = build_audio.plan_script(TASK, "task_listening", ["8じ", "9じ"], "N5")
    assert [s.voice for s in segments] == ["narrator", "male", "female", "narrator"]
    question = "女の人はあした何時に来ますか。"
    assert segments[0].text.endswith(question) and segments[-1].text == question
    assert "かいぎ" in segments[1].text and "会議" not in segments[1].text  # the furigana's reading is spoken
    assert segments[0].pause_ms > segments[1].pause_ms > 0 and segments[-1].pause_ms == 0
    assert all("いち" != s.text for s in segments)  # printed choices are not read for task listening
    assert {s.speed for s in segments} == {build_audio.LEVEL_SPEED["N5"]}
    assert build_audio.LEVEL_SPEED["N5"] < build_audio.LEVEL_SPEED["N2"]


def test_three_speakers_get_three_voices_and_differ_in_model_pitch_or_speed():
    script = ("会社で、課長と男の人と女の人が話しています。\n"
              "課長：はい。\n男：はい。\n女：はい。\n課長：では。")
    voices = [s.voice for s in build_audio.plan_script(script)]
    assert voices == ["narrator", "male2", "male", "female", "male2"]
    heard = {build_audio.VOICES[v] for v in voices}
    assert len(heard) == 4  # narrator, two men, one woman: four different settings


def test_the_exam_reads_the_choices_of_quick_response_utterance_and_summary_items():
    segments = build_audio.plan_script("女：この かばんは だれのですか。", "quick_response",
                                       ["かばんです。", "{私|わたし}のです。", "いいえ。"])
    assert [s.text for s in segments] == ["このかばんはだれのですか。", "いち", "かばんです。", "に",
                                          "わたしのです。", "さん", "いいえ。"]
    assert segments[2].voice == "male"  # the reply in another voice than the question
    summary = build_audio.plan_script("テレビで話しています。\n男：…\n何の話ですか。", "summary_listening",
                                      ["あ", "い", "う", "え"])
    assert [s.text for s in summary][-2:] == ["よん", "え"]


def test_dialect_lines_give_the_learner_and_each_local_speaker_their_own_voice():
    voices = build_audio.dialect_voices(["先輩", "わたし", "上司"])
    assert voices == {"先輩": "male", "上司": "male2", "わたし": "female"}


def test_the_core_reads_audio_without_the_build_tools():
    name = audio.audio_file("n5-script-task-1")
    assert name.startswith("listening/n5-script-task-1.") and name.endswith(".opus")
    with audio.open_audio(name) as handle:
        assert handle.read(4) == b"OggS"
    with pytest.raises(FileNotFoundError):
        audio.open_audio("../manifest.json")


def _tools_or_reason() -> str | None:
    missing = [t for t in ("open_jtalk", "opusenc") if not shutil.which(t)]
    missing += [str(p) for p in (build_audio.DICTIONARY, build_audio.MALE_VOICE) if not Path(p).exists()]
    if missing:
        return ("Open JTalk is not installed here (missing " + ", ".join(missing) + "); .ci/run installs "
                "open-jtalk, open-jtalk-mecab-naist-jdic, hts-voice-nitech-jp-atr503-m001 and opus-tools")
    return None


@pytest.mark.skipif(_tools_or_reason() is not None, reason=_tools_or_reason() or "")
def test_a_rebuild_gives_the_committed_bytes_twice(tmp_path):
    keys = {"n5-script-quick-1", "jft-a1-script-places-1", "dialect/kd-001/0"}
    runs = []
    for run in ("one", "two"):
        out = tmp_path / run
        out.mkdir()
        manifest = build_audio.build(audio_dir=out, cache=build_audio.default_cache(), only=keys)
        runs.append({k: (out / e["file"]).read_bytes() for k, e in manifest["files"].items()})
    assert set(runs[0]) == keys and runs[0] == runs[1]
    rebuilt = {k: hashlib.sha256(v).hexdigest() for k, v in runs[0].items()}
    assert rebuilt == {k: FILES[k]["sha256"] for k in keys}, "the committed audio differs from a rebuild"


def test_a_host_gets_the_file_with_a_year_long_cache_and_byte_ranges():
    name = audio.audio_file("n5-script-quick-1")
    data = (audio.AUDIO_DIR / name).read_bytes()
    status, headers, body = audio.file_response(name, None)
    assert (status, body) == (200, data)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "audio/ogg" and headers["Accept-Ranges"] == "bytes"
    status, headers, body = audio.file_response(name, "bytes=0-")  # what a phone's player asks first:
    assert (status, body) == (200, data) and "Content-Range" not in headers  # all of it, cached whole
    status, headers, body = audio.file_response(name, "bytes=0-1")  # Safari's probe
    assert (status, body, headers["Content-Range"]) == (206, data[:2], f"bytes 0-1/{len(data)}")
    status, headers, body = audio.file_response(name, "bytes=100-199")
    assert (status, body) == (206, data[100:200])
    assert audio.file_response(name, "bytes=-10")[2] == data[-10:]
    assert audio.file_response(name, "bytes=oops")[0] == 200  # a range it cannot read: the whole file
    assert audio.file_response("listening/n5-other.opus", None)[0] == 404
    assert audio.file_response("manifest.json", None)[0] == 404


def test_a_shipped_dialect_listening_exercise_plays_its_dialogue_line_by_line():
    import random

    from curriculum import dialect

    rng, state = random.Random(3), None
    for _ in range(60):
        state, payload = dialect.present(state, "work", rng, "en")
        shown = payload["exercise"]
        if shown["kind"] in ("listening", "supervisor"):
            break
        state, _r, _g = dialect.submit(state, "work", {"exercise_id": shown["id"], "choice": 0}, rng, "en")
    else:
        pytest.fail("no listening exercise in the work lesson")
    files = shown["audio"]
    assert len(files) == len(shown.get("script") or shown.get("dialogue"))
    stems = [name.removeprefix("dialect/").split(".")[0] for name in files]  # kd-023-0, kd-023-1, …
    expression = stems[0].rsplit("-", 1)[0]
    assert stems == [f"{expression}-{n}" for n in range(len(files))]
    assert [audio.audio_file(audio.dialect_key(expression, n)) for n in range(len(files))] == files


@pytest.mark.skipif(_tools_or_reason() is not None, reason=_tools_or_reason() or "")
def test_the_reading_check_finds_what_open_jtalk_misreads_and_passes_the_fixes():
    # what Open JTalk got wrong in our scripts (`nihongo content check-readings`) and the markup fixing it
    cases = [("9じに来てください。", "{9|く}じに来てください。"),
             ("30ぷん前に来て。", "{30|さんじゅっ}ぷん前に来て。"),
             ("桜島の灰が降った。", "{桜島|さくらじま}の灰が降った。"),
             ("日本に来て二年です。", "{日本|にほん}に来て二年です。"),
             ("雨が降りそうだから。", "雨が{降|ふ}りそうだから。"),
             ("何まいですか。", "{何|なん}まいですか。"),
             ("この間は、どうも。", "{この間|このあいだ}は、どうも。"),
             ("出水の工場です。", "{出水|いずみ}の工場です。"),
             ("前に着いちゃうんです。", "前に{着|つ}いちゃうんです。"),
             ("あれは日本人でも難しい。", "あれは{日本人|にほんじん}でも難しい。")]
    for wrong, right in cases:
        assert build_audio.misreadings(build_audio.spoken(wrong)), wrong
        assert build_audio.misreadings(build_audio.spoken(right)) == [], right
    assert build_audio.misreadings("鹿児島の天文館と指宿と霧島、十時十五分、三十分。") == []
    # a word given in kana that begins with は, taken for the particle: 何時にはたけに → なんじにわたけに
    kana = build_audio.kana_words()
    assert {"はたけ", "はこ"} <= kana
    assert build_audio.misreadings(build_audio.spoken("何時に{畑|はたけ}に来ますか。"), kana=kana)
    assert build_audio.misreadings(build_audio.spoken("{畑|はたけ}に何時に来ますか。"), kana=kana) == []
    assert build_audio.misreadings("会議室にはいません。", kana=kana) == []


def test_a_dialect_line_that_open_jtalk_misreads_is_voiced_from_its_say():
    # へ (ash) was read as the particle え; the line still shows the dialect as written
    line = next(e for e in default_content().expressions.values() if e.id == "kd-075").dialogue[0]
    assert line["ja"].startswith("へが")
    job = next(j for j in JOBS if j.key == "dialect/kd-075/0")
    assert job.segments[0].text.startswith("ヘがフッチョッド")
