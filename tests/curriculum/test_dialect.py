"""The Kagoshima dialect module: its shipped content, the checks on it, and a lesson round."""

import copy
import json
import random
import shutil

import pytest

from curriculum import dialect
from curriculum.content_check import check, format_counts
from curriculum.dialect import DIALECT_DIR, LessonError

LANGS5 = ("en", "vi", "id", "tl", "my")


def texts(word):
    return {"en": f"{word} (en)", "vi": f"{word} (vi)", "id": f"{word} (id)", "tl": f"{word} (tl)",
            "my": f"{word} (my)"}


def expression(ref, lesson="work", flags=(), action=False):
    form = f"てすと{ref}"
    row = {"id": f"kd-{ref:03d}", "ref": ref, "forms": [form], "standard": f"標準{ref}", "domains": ["W"],
           "lesson": lesson, "sources": ["SHUKU", "MED"], "flags": list(flags),
           "dialogue": [{"speaker": "先輩", "ja": f"「{form}」じゃっど。", "standard": f"標準{ref}だよ。"},
                        {"speaker": "わたし", "ja": "はい。", "standard": "はい。"}],
           "meaning": texts(f"meaning {ref}"), "usage": texts(f"usage {ref}")}
    if action:
        row["action"] = texts(f"action {ref}")
    return row


@pytest.fixture
def folder(tmp_path):
    """A dialect folder with the shipped lessons and a few made-up expressions (rows 1–8)."""
    shutil.copy(DIALECT_DIR / "lessons.json", tmp_path / "lessons.json")
    rows = [expression(1, "safety", action=True), expression(2, "safety", action=True),
            expression(3, "safety", ["single_source"], action=True), expression(4, "safety", action=True),
            expression(5, "safety", ["conflict"], action=True), expression(6), expression(7), expression(8)]
    write(tmp_path, rows)
    return tmp_path


def write(folder, rows):
    (folder / "expressions.json").write_text(json.dumps({"expressions": rows}, ensure_ascii=False),
                                             encoding="utf-8")


def content_of(folder):
    content, problems = dialect.validate(folder)
    assert problems == ["expressions.json: rows of the reference list without an expression: 9–95"]
    return content


def key(state):
    """The right index of the exercise being asked (only the state knows it)."""
    return state["exercises"][state["position"]]["answer"]


def play(content, lesson_id, pick, state=None, seed=1):
    """Answer a whole round; ``pick(exercise_state) -> bool`` says whether to answer it right."""
    rng = random.Random(seed)
    state, payload = dialect.present(state, lesson_id, rng, "en", content)
    grade = None
    while payload.get("exercise"):
        exercise = state["exercises"][state["position"]]
        right = exercise["answer"]
        choice = right if pick(exercise) else (right + 1) % len(exercise["choices"])
        state, result, grade = dialect.submit(state, lesson_id, {"exercise_id": payload["exercise"]["id"],
                                                                 "choice": choice}, rng, "en", content)
        state, payload = dialect.present(state, lesson_id, rng, "en", content)
    return state, payload, grade


# -- the shipped content ---------------------------------------------------------------------------

def test_every_row_of_the_reference_list_is_an_expression():
    content, _problems = dialect.validate()
    refs = sorted(e.ref for e in content.expressions.values() if e.ref is not None)
    assert refs == list(range(1, 96)), "expressions.json: every row 1–95 of the reference list"


def test_the_shipped_files_break_no_rule_besides_missing_rows():
    _content, problems = dialect.validate()
    assert [p for p in problems if "rows of the reference list without" not in p] == []


def test_the_lessons_are_there_with_titles_in_six_languages():
    ids = [lesson.id for lesson in dialect.lessons()]
    assert set(dialect.SITUATIONAL) | {"false_friends"} <= set(ids)
    sound = [lesson for lesson in dialect.lessons() if lesson.kind == "sound_rule"]
    assert {lesson.id for lesson in sound} >= {"sound_final_reduction", "sound_vowel_merging",
                                               "grammar_polite_endings", "grammar_jaddo", "grammar_choru",
                                               "grammar_ke_question", "grammar_sse"}
    for lesson in dialect.lessons():
        assert all(lesson.title[lang].strip() for lang in dialect.LANGUAGES), lesson.id
    assert dialect.lesson("false_friends").expression_ids == ("kd-019", "kd-013", "kd-057", "kd-031",
                                                               "kd-030")


def test_sound_lessons_cite_the_reference_and_drill_both_directions():
    for lesson in (x for x in dialect.lessons() if x.kind == "sound_rule"):
        assert lesson.sources and all(dialect.known_source(s, urls=False) or s in dialect.REFERENCE_URLS
                                      for s in lesson.sources), lesson.id
        assert all(lesson.explanation[lang].strip() for lang in LANGS5) and lesson.term
        directions = {d.direction for d in lesson.drills}
        assert directions == {"to_dialect", "to_standard"}, lesson.id
        for drill in lesson.drills:
            to_dialect = drill.direction == "to_dialect"
            pair = (drill.prompt, drill.answer) if to_dialect else (drill.answer, drill.prompt)
            assert pair in lesson.examples


def test_the_stereotypes_are_recognition_only_and_never_scored():
    content = dialect.default_content()
    for eid, form in (("kd-r01", "おいどん"), ("kd-r02", "ごわす")):
        entry = content.expressions[eid]
        assert form in entry.forms and entry.lesson == "people" and entry.practice_only
        assert "recognition_only" in entry.flags and "BIG" in entry.sources


def test_the_shipped_dialect_passes_the_content_check_once_complete():
    report = check()
    summary = report.dialect
    assert summary["sound_rule_lessons"] >= 7 and summary["languages_complete"] is True
    assert summary["lessons_by_kind"]["situational"] == 9 and summary["lessons_by_kind"]["false_friends"] == 1
    table = format_counts(report)
    assert "sound-rule lessons 7" in table and "languages complete yes" in table
    assert summary["expressions"] >= 95, "the content helper's rows are not all in yet"
    assert [p for p in report.problems if p.startswith("dialect")] == []


# -- the checks ------------------------------------------------------------------------------------

def test_a_broken_expression_file_says_where_and_what(folder):
    rows = [expression(n) for n in range(1, 5)]
    rows[0]["meaning"].pop("my")
    rows[1]["sources"] = ["NOT-A-KEY"]
    rows[2]["dialogue"][0]["ja"] = "ちがう ことば。"
    rows[3]["id"] = "kd-001"
    write(folder, rows)
    _content, problems = dialect.validate(folder)
    text = "\n".join(problems)
    assert "expression kd-001: meaning lacks my" in text
    assert "kd-002: sources ['NOT-A-KEY'] are neither keys of the reference's table nor URLs" in text
    assert "expression kd-003: no dialogue line contains one of the forms" in text
    assert "ref must be the row" in text or "used twice" in text
    with pytest.raises(dialect.DialectError, match="meaning lacks my"):
        dialect.load(folder)


def test_not_json_is_named(folder):
    (folder / "expressions.json").write_text("{ nope", encoding="utf-8")
    _content, problems = dialect.validate(folder)
    assert any(p.startswith(f"{folder / 'expressions.json'}: not valid JSON") for p in problems)


def test_a_drill_whose_distractor_is_also_right_is_refused(folder):
    data = json.loads((folder / "lessons.json").read_text(encoding="utf-8"))
    reduction = next(lesson for lesson in data["lessons"] if lesson["id"] == "sound_final_reduction")
    drill = next(d for d in reduction["drills"] if d["prompt"] == "くっ")
    drill["distractors"][0] = "首"  # 首 → くっ as well: two right answers
    reduction["sources"].append("https://example.com/not-in-the-reference")
    (folder / "lessons.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _content, problems = dialect.validate(folder)
    text = "\n".join(problems)
    assert "distractor '首' is also a right answer for 'くっ'" in text
    assert "sources ['https://example.com/not-in-the-reference'] are not in the reference's key table" in text


def test_the_content_check_counts_the_dialect_and_fails_below_95(tmp_path, folder):
    shutil.copytree(folder, tmp_path / "content" / "dialect")
    report = check(tmp_path / "content")
    assert report.dialect["expressions"] == 8
    assert report.dialect["practice_only"] == 2 + 2  # and the two stereotypes
    assert any("dialect: 8 expressions; the reference list has 95 rows" in p for p in report.problems)
    table = format_counts(report)
    assert "dialect expressions 8 (need 95)" in table and "practice-only 4" in table
    assert "dialect lessons by kind: false_friends 1, situational 9, sound_rule 7" in table


def test_the_content_check_fails_with_too_few_sound_lessons(tmp_path, folder):
    data = json.loads((folder / "lessons.json").read_text(encoding="utf-8"))
    data["lessons"] = [lesson for lesson in data["lessons"] if lesson["kind"] != "sound_rule"][:] + \
        [lesson for lesson in data["lessons"] if lesson["kind"] == "sound_rule"][:2]
    (folder / "lessons.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(folder, tmp_path / "content" / "dialect")
    report = check(tmp_path / "content")
    assert "dialect: 2 sound-rule lessons; at least 6 are needed (lessons.json)" in report.problems


# -- a lesson round --------------------------------------------------------------------------------

def test_practice_only_items_are_shown_with_a_notice_and_never_scored(folder):
    content = content_of(folder)
    # every scored exercise wrong, every practice-only one right: nothing earned
    state, payload, grade = play(content, "safety", lambda exercise: not exercise["scored"])
    assert payload["round_complete"] and payload["progress"]["correct"] == 2
    assert grade.earned == 0 and grade.possible == 3
    assert dialect.scored_total("safety", content) == 3
    # the other way round: the practice-only ones answered wrong do not lower the grade
    _state, _payload, grade = play(content, "safety", lambda exercise: exercise["scored"], seed=2)
    assert (grade.earned, grade.possible) == (3, 3)


def test_a_practice_only_exercise_says_so(folder):
    content = content_of(folder)
    rng = random.Random(3)
    state, payload = dialect.present(None, "safety", rng, "en", content)
    seen = {}
    while payload["exercise"]:
        shown = payload["exercise"]
        seen[state["exercises"][state["position"]]["entry"]] = (shown["practice_only"], shown["flags"])
        body = {"exercise_id": shown["id"], "choice": key(state)}
        state, _r, _g = dialect.submit(state, "safety", body, rng, "en", content)
        state, payload = dialect.present(state, "safety", rng, "en", content)
    assert seen["kd-003"] == (True, ["single_source"]) and seen["kd-005"] == (True, ["conflict"])
    assert seen["kd-001"] == (False, [])


def test_the_safety_drill_shows_the_phrase_and_asks_for_the_action(folder):
    content = content_of(folder)
    state, payload = dialect.present(None, "safety", random.Random(4), "vi", content)
    shown = payload["exercise"]
    entry = content.expressions[state["exercises"][0]["entry"]]
    assert shown["kind"] == "safety" and shown["prompt"] == entry.form
    assert entry.action["vi"] in shown["choices"] and shown["choices_lang"] == "vi"


def test_answers_never_reach_the_presented_payload(folder):
    content = content_of(folder)
    for lesson_id in ("safety", "work", "grammar_polite_endings", "people"):
        rng = random.Random(5)
        state, payload = dialect.present(None, lesson_id, rng, "en", content)
        while payload["exercise"]:
            raw = json.dumps(payload, ensure_ascii=False)
            assert '"answer"' not in raw and "correct_index" not in raw and '"entry"' not in raw
            assert "feedback" not in raw
            state, _r, _g = dialect.submit(state, lesson_id, {"exercise_id": payload["exercise"]["id"],
                                                              "choice": 0}, rng, "en", content)
            state, payload = dialect.present(state, lesson_id, rng, "en", content)


def test_a_listening_exercise_carries_its_script_and_the_answer_shows_it(folder):
    content = content_of(folder)
    rng = random.Random(6)
    state, payload = dialect.present(None, "work", rng, "en", content)
    while payload["exercise"]["kind"] != "listening":
        state, _r, _g = dialect.submit(state, "work", {"exercise_id": payload["exercise"]["id"], "choice": 0},
                                       rng, "en", content)
        state, payload = dialect.present(state, "work", rng, "en", content)
    shown = payload["exercise"]
    assert shown["prompt"] == "" and "てすと" in shown["speak"]  # heard, not read…
    assert [line["text"] for line in shown["script"]][0].startswith("「てすと")  # …unless asked for
    body = {"exercise_id": shown["id"], "choice": 0}
    _s, result, _g = dialect.submit(state, "work", body, rng, "en", content)
    assert result["script"] == shown["script"]


FORGED = {
    "not an object": lambda shown: [shown["id"], 0],
    "an extra field": lambda shown: {"exercise_id": shown["id"], "choice": 0, "correct": True},
    "a score instead": lambda shown: {"score": 3},
    "another exercise": lambda shown: {"exercise_id": "r1-02", "choice": 0},
    "a boolean choice": lambda shown: {"exercise_id": shown["id"], "choice": True},
    "a choice out of range": lambda shown: {"exercise_id": shown["id"], "choice": 4},
    "a text choice": lambda shown: {"exercise_id": shown["id"], "choice": "0"},
}


@pytest.mark.parametrize("forge", FORGED.values(), ids=FORGED.keys())
def test_forged_submissions_are_refused_and_change_nothing(folder, forge):
    content = content_of(folder)
    rng = random.Random(7)
    state, payload = dialect.present(None, "safety", rng, "en", content)
    before = copy.deepcopy(state)
    with pytest.raises(LessonError):
        dialect.submit(state, "safety", forge(payload["exercise"]), rng, "en", content)
    assert state == before


def test_a_replayed_answer_is_refused_and_changes_nothing(folder):
    content = content_of(folder)
    rng = random.Random(8)
    state, payload = dialect.present(None, "safety", rng, "en", content)
    body = {"exercise_id": payload["exercise"]["id"], "choice": (key(state) + 1) % 4}
    state, result, _g = dialect.submit(state, "safety", body, rng, "en", content)
    assert result["correct"] is False
    before = copy.deepcopy(state)
    with pytest.raises(LessonError, match="already answered"):
        replay = dict(body, choice=before["exercises"][0]["answer"])
        dialect.submit(state, "safety", replay, rng, "en", content)
    assert state == before


def test_restart_mid_round_changes_nothing_and_after_the_round_keeps_the_best(folder):
    content = content_of(folder)
    rng = random.Random(9)
    state, payload = dialect.present(None, "grammar_choru", rng, "en", content)
    again, same = dialect.restart(state, "grammar_choru", rng, "en", content)
    assert same["exercise"] == payload["exercise"] and again == state
    state, _p, grade = play(content, "grammar_choru", lambda exercise: True)
    assert (grade.earned, grade.possible) == (6, 6)
    state, fresh = dialect.restart(state, "grammar_choru", random.Random(10), "en", content)
    assert fresh["exercise"]["id"] == "r2-01" and fresh["progress"]["answered"] == 0
    _state, _p, grade = play(content, "grammar_choru", lambda exercise: False, state=state)
    assert (grade.earned, grade.possible) == (6, 6)  # the best round counts


def test_the_language_switch_changes_the_lesson_and_refuses_nonsense(folder):
    content = content_of(folder)
    rng = random.Random(11)
    state, payload = dialect.present(None, "grammar_jaddo", rng, "en", content)
    state, vi = dialect.set_language(state, "grammar_jaddo", {"language": "vi"}, rng, "en", content)
    assert vi["language"] == "vi" and vi["lesson"]["title"] == dialect.lesson("grammar_jaddo").title["vi"]
    assert vi["exercise"] == payload["exercise"]  # the same drill, the lesson now explained in Vietnamese
    state, again = dialect.present(state, "grammar_jaddo", rng, "en", content)
    assert again["language"] == "vi"  # kept, whatever the host's default
    for bad in ({"language": "fr"}, {"language": "vi", "x": 1}, "vi"):
        with pytest.raises(LessonError):
            dialect.set_language(state, "grammar_jaddo", bad, rng, "en", content)


def test_user_state_reports_progress_without_exercises(folder):
    content = content_of(folder)
    state, _payload, _g = play(content, "grammar_sse", lambda exercise: True)
    body = dialect.user_state(state, "grammar_sse")
    assert body["round_complete"] is True and body["progress"]["scored_correct"] == 6
    assert "exercise" not in json.dumps(body)


def test_a_round_drawn_before_new_content_starts_afresh(folder):
    content = content_of(folder)
    rng = random.Random(12)
    state, payload = dialect.present(None, "work", rng, "en", content)
    state["exercises"][0]["entry"] = "kd-404"  # an expression the deployed content no longer has
    state, payload = dialect.present(state, "work", rng, "en", content)
    assert state["round"] == 2 and payload["exercise"]["id"] == "r2-01"


def test_the_stereotypes_are_never_offered_as_answers_to_other_items():
    for seed in range(5):
        for exercise in dialect.exercises("people", random.Random(seed)):
            if exercise["entry"] not in ("kd-r01", "kd-r02"):
                assert {"kd-r01", "kd-r02"}.isdisjoint(exercise["choices"])
            else:
                assert exercise["kind"] == "meaning" and exercise["scored"] is False


def test_an_expression_is_scored_only_with_two_independent_sources(folder):
    """Two MBC posts are one publisher; an anonymous board repost (CARE09) does not count."""
    rows = [expression(ref, "safety", action=True) for ref in range(1, 9)]
    rows[1]["sources"] = ["MBC-31113", "MBC-46809"]
    rows[2]["sources"] = ["CARE09", "goo-m8u"]
    rows[3]["sources"] = ["goo-m8u", "https://dictionary.goo.ne.jp/srch/dialect/x"]
    write(folder, rows)
    content = content_of(folder)
    scored = {e.id: not e.practice_only for e in content.expressions.values() if e.id <= "kd-004"}
    assert scored == {"kd-001": True, "kd-002": False, "kd-003": False, "kd-004": False}
    assert content.expressions["kd-002"].practice_reasons == {"single_source"}
    found = dialect.independent_sources(["MBC-31113", "SHUKU", "DRESSY/3", "DRESSY"])
    assert found == {"MBC", "SHUKU", "DRESSY"}


def test_every_scored_shipped_expression_has_two_independent_sources():
    content = dialect.default_content()
    scored = [e for e in content.expressions.values() if not e.practice_only]
    assert scored and all(len(dialect.independent_sources(e.sources)) >= 2 for e in scored)
    single = [e for e in content.expressions.values() if len(dialect.independent_sources(e.sources)) < 2]
    assert len(single) >= 25 and all(e.practice_only for e in single)


def test_the_false_friends_lesson_does_not_call_dialect_words_standard():
    lesson = dialect.lesson("false_friends")
    for language, text in lesson.explanation.items():
        assert "てげてげ" in text and "がっつい" in text, language
    assert "are not standard Japanese" in lesson.explanation["en"]
    assert "These words also exist in standard Japanese" not in lesson.explanation["en"]
