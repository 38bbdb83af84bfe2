"""Mock tests: the real exam's structure and timing, items from our bank, scored as an estimate.

The composition of each level's test (sections, timing, 大問 and their counts) is
``curriculum.exam_structure``; forms A, B and C of each level hold fixed items (``curriculum.forms``).

A session is a plain JSON-safe dict, like a drill's. The clock runs as in the exam: a JLPT section
opens when the previous one ends (by time or because the learner moved on) and cannot be reopened;
a learner who leaves finds the time used up. Choices are stored, not judged, until ``finish``, which
grades them against the bank on the server.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import forms, scoring
from .audio import once_note, synthetic_note
from .bank import ATTRIBUTION, Bank
from .drill import Grade
from .exam_structure import FORM_ALIASES, FORMS, ExamSection, Form, Part  # noqa: F401  (the composition)
from .furigana import has_markup, plain, segments
from .grading import AnswerError, grade
from .item_types import TYPES, ItemType
from .items import Item
from .scoring import ScoreReport

K = ItemType


class MockTestError(ValueError):
    """An action the test refuses (time up, not in this test, already finished). Nothing changes."""


def form_for(level: str) -> Form:
    try:
        return FORMS[FORM_ALIASES.get(level, level)]
    except KeyError:
        raise MockTestError(f"no mock test for {level!r}; choose one of {', '.join(FORMS)}") from None


@dataclass(frozen=True)
class Shortfall:
    """The bank held fewer items of a type than the form asks for."""

    section: str
    type: ItemType
    wanted: int
    found: int

    def to_dict(self) -> dict:
        return {"section": self.section, "type": self.type.value, "wanted": self.wanted, "found": self.found}

    @classmethod
    def from_dict(cls, data: dict) -> Shortfall:
        return cls(data["section"], ItemType(data["type"]), data["wanted"], data["found"])


@dataclass(frozen=True)
class MockTest:
    """One assembled form: item IDs per test section, and what the bank could not supply."""

    level: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    shortfalls: tuple[Shortfall, ...] = ()
    version: str = ""  # the stored form it is (A, B or C; "" when assembled at random)

    @property
    def complete(self) -> bool:
        return not self.shortfalls

    @property
    def message(self) -> str:
        if self.complete:
            return "A full-length form."
        missing = sum(s.wanted - s.found for s in self.shortfalls)
        kinds = ", ".join(f"{s.type.value} ({s.found}/{s.wanted})" for s in self.shortfalls)
        return (f"This form is {missing} items short of the real exam because our bank does not have "
                f"enough of: {kinds}. Scores cover only the items given.")

    def to_dict(self) -> dict:
        return {"level": self.level, "sections": [[key, list(ids)] for key, ids in self.sections],
                "shortfalls": [s.to_dict() for s in self.shortfalls], "version": self.version}

    @classmethod
    def from_dict(cls, data: dict) -> MockTest:
        return cls(data["level"], tuple((key, tuple(ids)) for key, ids in data["sections"]),
                   tuple(Shortfall.from_dict(s) for s in data["shortfalls"]), data.get("version", ""))


#: The stored forms of each level (``curriculum.forms``), and what an author may choose: one of them,
#: or each learner's next form (one the learner has not taken; after all three, the one taken longest ago).
VERSIONS = forms.LETTERS
NEXT = "next"


def assemble_form(level: str, version: str, bank: Bank) -> MockTest:
    """Form ``version`` (A, B or C) of ``level``: its stored items in the exam's order, and every 大問
    it is short of (``curriculum.forms``; for a bank other than the shipped one, its forms are built
    by the same rules)."""
    if version not in VERSIONS:
        raise MockTestError(f"no form {version!r}; choose one of {', '.join(VERSIONS)}")
    form = form_for(level)
    stored = forms.form_items(form.level, version, bank)
    sections, shortfalls = [], []
    for section in form.sections:
        ids: list[str] = []
        for part in section.parts:
            chosen = stored.get(part.type.value, [])[:part.count]
            ids.extend(chosen)
            if len(chosen) < part.count:
                shortfalls.append(Shortfall(section.key, part.type, part.count, len(chosen)))
        sections.append((section.key, tuple(ids)))
    return MockTest(form.level, tuple(sections), tuple(shortfalls), version)


def next_version(taken: list[str]) -> str:
    """The first form the learner has not taken; after all three, the one taken longest ago."""
    return next((v for v in VERSIONS if v not in taken), None) or next(v for v in taken if v in VERSIONS)


def assemble(level: str, bank: Bank, rng: random.Random) -> MockTest:
    """Pick items by type for each 大問 of ``level``'s form; record every type the bank runs short of.

    Items sharing a passage or script are kept together, as on the real paper.
    """
    form = form_for(level)
    sections, shortfalls = [], []
    for section in form.sections:
        ids: list[str] = []
        for part in section.parts:
            pool = [i for i in bank if i.type is part.type and i.level.value in form.bank_levels]
            chosen = _pick(pool, part.count, rng)
            ids.extend(i.id for i in chosen)
            if len(chosen) < part.count:
                shortfalls.append(Shortfall(section.key, part.type, part.count, len(chosen)))
        sections.append((section.key, tuple(ids)))
    return MockTest(form.level, tuple(sections), tuple(shortfalls))


def _pick(pool: list[Item], count: int, rng: random.Random) -> list[Item]:
    """Whole stimulus groups in random order while they fit, then single items to fill up."""
    groups: dict[str, list[Item]] = {}
    for item in pool:
        groups.setdefault(item.stimulus or item.id, []).append(item)
    order = list(groups.values())
    rng.shuffle(order)
    chosen: list[Item] = []
    for group in order:
        if len(chosen) + len(group) <= count:
            chosen.extend(group)
    for group in order:
        for item in group:
            if len(chosen) < count and item not in chosen:
                chosen.append(item)
    return chosen


# --- the session -------------------------------------------------------------------------------


def start(mock: MockTest, now: datetime) -> dict:
    """A new session: the first JLPT section (or the whole JFT-Basic test) opens now."""
    _check_aware(now)
    form = form_for(mock.level)
    minutes = {s.key: s.minutes for s in form.sections}
    state = {
        "level": mock.level,
        "started_at": now.isoformat(),
        "finished_at": None,
        "sections": [{"key": key, "items": list(ids), "minutes": minutes[key], "opened_at": None,
                      "deadline": None, "closed_at": None} for key, ids in mock.sections],
        "answers": {},
        "flags": [],
        "position": None,
        "shortfalls": [s.to_dict() for s in mock.shortfalls],
        "version": mock.version,
    }
    if form.timed_by_section:
        _open(state["sections"][0], now)
    else:
        deadline = (now + timedelta(minutes=form.minutes)).isoformat()
        for section in state["sections"]:
            section.update(opened_at=now.isoformat(), deadline=deadline)
    state["position"] = _first_item(state)
    return state


def _open(section: dict, at: datetime) -> None:
    section["opened_at"] = at.isoformat()
    section["deadline"] = (at + timedelta(minutes=section["minutes"])).isoformat()


def _first_item(state: dict) -> str | None:
    return next((i for s in _open_sections(state) for i in s["items"]), None)


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")


def _sync(state: dict, now: datetime) -> dict:
    """A copy with every section whose time ran out closed, and the next JLPT section opened."""
    _check_aware(now)
    state = copy.deepcopy(state)
    for index, section in enumerate(state["sections"]):
        if section["opened_at"] and not section["closed_at"]:
            deadline = datetime.fromisoformat(section["deadline"])
            if deadline <= now:
                _close(state, index, deadline)
    return state


def _close(state: dict, index: int, at: datetime) -> None:
    sections = state["sections"]
    sections[index]["closed_at"] = at.isoformat()
    following = sections[index + 1] if index + 1 < len(sections) else None
    if following and following["minutes"] is not None and not following["opened_at"]:
        _open(following, at)  # _sync's loop closes it too if its time has also run out
    if state["position"] in sections[index]["items"]:
        state["position"] = _first_item(state)


def _open_sections(state: dict) -> list[dict]:
    return [s for s in state["sections"] if s["opened_at"] and not s["closed_at"]]


def _open_items(state: dict) -> set[str]:
    return {i for s in _open_sections(state) for i in s["items"]}


def _writable(state: dict, item_id: object, now: datetime) -> dict:
    state = _sync(state, now)
    if state["finished_at"]:
        raise MockTestError("This test is finished.")
    all_items = {i for s in state["sections"] for i in s["items"]}
    if not isinstance(item_id, str) or item_id not in all_items:
        raise MockTestError("This question is not in your test.")
    if item_id not in _open_items(state):
        raise MockTestError("Time is up for this section, or it has not started yet.")
    return state


def answer(state: dict, bank: Bank, item_id: object, choice: object, now: datetime) -> dict:
    """Record (or change) the learner's choice; refused after the section's time is up."""
    state = _writable(state, item_id, now)
    try:
        grade(bank.get(item_id), choice)  # validates the choice only; the result stays on the server
    except AnswerError as exc:
        raise MockTestError(str(exc)) from None
    state["answers"][item_id] = choice
    state["position"] = item_id
    return state


def flag(state: dict, item_id: object, now: datetime, flagged: bool = True) -> dict:
    """Mark a question to review later (or unmark it with ``flagged=False``)."""
    state = _writable(state, item_id, now)
    flags = [f for f in state["flags"] if f != item_id]
    state["flags"] = flags + [item_id] if flagged else flags
    return state


def unflag(state: dict, item_id: object, now: datetime) -> dict:
    return flag(state, item_id, now, flagged=False)


def go_to(state: dict, item_id: object, now: datetime) -> dict:
    """Move to any question of the open section (JLPT) or of the whole test (JFT-Basic)."""
    state = _writable(state, item_id, now)
    state["position"] = item_id
    return state


def next_section(state: dict, now: datetime) -> dict:
    """End the current JLPT section early and open the next; there is no way back."""
    state = _sync(state, now)
    if state["finished_at"]:
        raise MockTestError("This test is finished.")
    if not form_for(state["level"]).timed_by_section:
        raise MockTestError("JFT-Basic has no sections of its own time: move to any question instead.")
    index = next((k for k, s in enumerate(state["sections"]) if s["opened_at"] and not s["closed_at"]), None)
    if index is None:
        raise MockTestError("No section is open.")
    _close(state, index, now)
    return state


def remaining_seconds(state: dict, now: datetime) -> int:
    """Seconds left in the open section (the whole test for JFT-Basic); 0 when none is open."""
    state = _sync(state, now)
    sections = _open_sections(state)
    if state["finished_at"] or not sections:
        return 0
    return max(0, int((datetime.fromisoformat(sections[0]["deadline"]) - now).total_seconds()))


def view(state: dict, bank: Bank, now: datetime, language: str = "en") -> dict:
    """What the browser may see: the open questions without answers, the learner's own choices."""
    synced = _sync(state, now)
    open_ids = _open_items(synced) if not synced["finished_at"] else set()
    names = {s.key: s.name for s in form_for(synced["level"]).sections}
    return {
        "level": synced["level"],
        "sections": [{"key": s["key"], "name": names[s["key"]], "count": len(s["items"]),
                      "minutes": s["minutes"], "open": bool(s["opened_at"] and not s["closed_at"])}
                     for s in synced["sections"]],
        "items": [_shown_item(bank, i, s["key"], language) for s in synced["sections"] for i in s["items"]
                  if i in open_ids],
        "answers": {k: v for k, v in synced["answers"].items() if k in open_ids},
        "flags": [f for f in synced["flags"] if f in open_ids],
        "position": synced["position"],
        "remaining_seconds": remaining_seconds(synced, now),
        "finished": bool(synced["finished_at"]),
    }


def _shown_item(bank: Bank, item_id: str, section: str, language: str) -> dict:
    """One question as the browser gets it: no answer; a listening script only while there is no audio."""
    item = bank.get(item_id)
    shown = item.public_dict(language)
    shown["section"] = section
    if item.stimulus:
        stimulus = bank.stimuli[item.stimulus]
        audio = stimulus.get("audio")
        shown["stimulus"] = {"id": item.stimulus, "kind": stimulus["kind"],
                             "title": stimulus.get("title", ""), "audio": audio,
                             "text": plain(stimulus["text"]) if stimulus["kind"] == "passage" or not audio
                             else None}
        if stimulus["kind"] == "passage" and has_markup(stimulus["text"]):
            shown["stimulus"]["text_ruby"] = segments(stimulus["text"])  # readings over kanji above the level
        if audio:  # played once, as in the exam
            shown["stimulus"].update(audio_note=synthetic_note(language), audio_once=once_note(language))
    return shown


@dataclass(frozen=True)
class MockResult:
    report: ScoreReport
    answered: int
    item_count: int
    shortfall_message: str
    version: str = ""  # the form taken (A, B or C)

    def to_dict(self) -> dict:
        return {"report": self.report.to_dict(), "answered": self.answered, "item_count": self.item_count,
                "shortfall_message": self.shortfall_message, "version": self.version}

    @classmethod
    def from_dict(cls, data: dict) -> MockResult:
        return cls(ScoreReport.from_dict(data["report"]), data["answered"], data["item_count"],
                   data["shortfall_message"], data.get("version", ""))


def finish(state: dict, bank: Bank, now: datetime) -> tuple[dict, MockResult]:
    """Close the test and grade every stored choice against the bank; unanswered counts as wrong.

    Finishing twice gives the same result.
    """
    state = _sync(state, now)
    if not state["finished_at"]:
        for section in state["sections"]:
            if not section["closed_at"]:
                section["closed_at"] = now.isoformat()
        state["finished_at"] = now.isoformat()
        state["position"] = None
    form = form_for(state["level"])
    scoring_of = {(s.key, p.type): p.scoring for s in form.sections for p in s.parts}
    raw: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    for section in state["sections"]:
        for item_id in section["items"]:
            item = bank.get(item_id)
            choice = state["answers"].get(item_id)
            right = int(choice is not None and grade(item, choice).correct)
            for key, table in ((scoring_of[(section["key"], item.type)], raw), (item.type.value, by_type)):
                counts = table.setdefault(key, [0, 0])
                counts[0] += right
                counts[1] += 1
    finished_on = datetime.fromisoformat(state["finished_at"]).date()
    report = scoring.report(form.level, {k: tuple(v) for k, v in raw.items()},
                            {k: tuple(v) for k, v in by_type.items()}, finished_on)
    mock = MockTest(state["level"], tuple((s["key"], tuple(s["items"])) for s in state["sections"]),
                    tuple(Shortfall.from_dict(s) for s in state["shortfalls"]))
    item_count = sum(len(s["items"]) for s in state["sections"])
    return state, MockResult(report, len(state["answers"]), item_count, mock.message,
                             state.get("version", ""))


# --- the JSON contract both hosts serve (xblocks/NATIVE_API.md, "mock_test") ------------------------
#
# A host keeps one JSON-safe record per learner and activity: ``{"session": <the session above or
# None>, "result": <MockResult.to_dict() or None>}``. Each ``act_*`` checks the request body, returns
# the new record and what the browser gets, and raises ``MockTestError`` (nothing changed) for bad or
# forged input. Hosts store the record, then publish what ``Finished`` says.


def new_record() -> dict:
    """``taken``: the forms (A, B, C) the learner has finished here, the one finished longest ago first."""
    return {"session": None, "result": None, "taken": []}


def taken_of(record: dict | None) -> list[str]:
    return [v for v in (record or {}).get("taken") or [] if v in VERSIONS]


def with_history(record: dict, history: tuple[str, ...] | list[str]) -> dict:
    """The record with the forms the learner finished elsewhere (``history``: the host's learner-wide
    record of this test, oldest first, e.g. another block or link) counted as taken: each form once, in
    the order of its last taking."""
    if not history:
        return record
    order = [v for v in (*history, *taken_of(record)) if v in VERSIONS]
    taken = [v for n, v in enumerate(order) if v not in order[n + 1:]]
    return record if taken == taken_of(record) else {**record, "taken": taken}


@dataclass(frozen=True)
class Finished:
    """A test that has just ended: the result, and the grade the host sends (percent correct)."""

    result: MockResult
    grade: Grade

    @property
    def form(self) -> str:
        return form_name(self.result.report.level)

    @property
    def summary(self) -> dict:
        """The learner-record summary (``LearnerRecordMixin.note_mock_result``): no answers."""
        report = self.result.report
        return {"form": self.form, "version": self.result.version, "total": report.total,
                "passed": report.passed}


def form_name(level: str) -> str:
    """The name authors and links use for a form: N5…N2, or JFT for JFT-Basic."""
    level = form_for(level).level
    return "JFT" if level == scoring.JFT else level


def grade_of(result: MockResult) -> Grade:
    """Percent of the test's questions answered right, checked on the server; never a client's number."""
    correct = sum(s.correct for s in result.report.sections)
    return Grade(scoring.scaled(correct, result.item_count, 100) if result.item_count else 0, 100)


def planned_count(level: str, bank: Bank, version: str = "") -> int:
    """How many questions form ``version`` holds (the full form less its gaps); without a version, how
    many ``assemble`` would give from ``bank``."""
    form = form_for(level)
    if version:
        mock = assemble_form(level, version, bank)
        return sum(len(ids) for _key, ids in mock.sections)
    available = {}
    for item in bank:
        if item.level.value in form.bank_levels:
            available[item.type] = available.get(item.type, 0) + 1
    return sum(min(part.count, available.get(part.type, 0)) for s in form.sections for part in s.parts)


def _body(data: object, **fields: type) -> dict:
    """``data`` when it is an object with exactly ``fields`` of the right types; else ``MockTestError``."""
    if not isinstance(data, dict):
        raise MockTestError("Send a JSON object.")
    if set(data) != set(fields):
        wanted = ", ".join(sorted(fields)) or "{} (no fields)"
        raise MockTestError(f"Send exactly {wanted}; got {', '.join(sorted(map(str, data))) or 'none'}.")
    for name, kind in fields.items():
        if kind is bool and not isinstance(data[name], bool):
            raise MockTestError(f"{name} must be true or false.")
        if kind is str and not isinstance(data[name], str):
            raise MockTestError(f"{name} must be a question ID.")
    return data


def _session(record: dict) -> dict:
    session = (record or {}).get("session")
    if not session:
        raise MockTestError("Start the test first.")
    return session


def sync(record: dict | None, bank: Bank, now: datetime) -> tuple[dict, Finished | None]:
    """The record with a test whose time has run out finished (a learner who left finds the result)."""
    record = copy.deepcopy(record) if record else new_record()
    session = record.get("session")
    if not session or session["finished_at"] or remaining_seconds(session, now) > 0:
        return record, None
    synced = _sync(session, now)
    if _open_sections(synced):
        return record, None
    last = max(datetime.fromisoformat(s["closed_at"]) for s in synced["sections"] if s["closed_at"]) \
        if any(s["closed_at"] for s in synced["sections"]) else now
    return _finish(record, bank, min(last, now))


def _finish(record: dict, bank: Bank, now: datetime) -> tuple[dict, Finished]:
    session, result = finish(record["session"], bank, now)
    taken = [v for v in taken_of(record) if v != result.version]
    taken += [result.version] if result.version else []
    record = {**record, "session": session, "result": result.to_dict(), "taken": taken}
    return record, Finished(result, grade_of(result))


def version_to_start(record: dict | None, version: str = NEXT) -> str:
    """The form a start gives now: the author's choice, or the learner's next (``next_version``)."""
    return version if version in VERSIONS else next_version(taken_of(record))


def versions_view(record: dict | None, version: str = NEXT) -> dict:
    """What the page says of the forms: the author's choice, the forms taken here, the next one, and
    whether the learner has taken all three (then "another test" is a retake of the oldest)."""
    taken = taken_of(record)
    return {"choice": version if version in VERSIONS else NEXT, "taken": taken,
            "next": version_to_start(record, version),
            "all_taken": version not in VERSIONS and set(taken) >= set(VERSIONS)}


def payload(record: dict | None, level: str, bank: Bank, now: datetime, language: str = "en",
            version: str = NEXT) -> dict:
    """Everything the page needs: the form, the running test (no answers) or the result and review.

    ``form.version`` is the form on screen (the running or finished test's) or, before a first test,
    the one a start gives; ``versions`` says which forms were taken and which comes next."""
    record = record or new_record()
    form = form_for(record["session"]["level"] if record.get("session") else level)
    session = record.get("session")
    status = "ready" if not session else "finished" if session["finished_at"] else "running"
    shown = session.get("version", "") if session else version_to_start(record, version)
    body = {
        "status": status,
        "form": {"level": form.level, "minutes": form.minutes, "timed_by_section": form.timed_by_section,
                 "item_count": form.item_count, "version": shown,
                 "planned_count": planned_count(form.level, bank, version_to_start(record, version))},
        "versions": versions_view(record, version),
        "test": view(session, bank, now, language) if status == "running" else None,
        "result": None, "review": None, "attribution": ATTRIBUTION,
    }
    if status == "finished" and record.get("result"):
        body["result"] = result_view(MockResult.from_dict(record["result"]), form)
        body["review"] = review(session, bank, language)
    return body


def result_view(result: MockResult, form: Form) -> dict:
    """The score report as the page shows it (study-next types named as on the exam)."""
    shown = result.to_dict()
    shown["full_count"] = form.item_count
    shown["correct"] = sum(s.correct for s in result.report.sections)
    shown["grade"] = grade_of(result).earned
    for entry in shown["report"]["study_next"]:
        entry["name"] = TYPES[ItemType(entry["type"])].japanese
    return shown


def review(session: dict, bank: Bank, language: str = "en") -> list[dict]:
    """Every question with the learner's choice, the answer and the explanation: only once finished."""
    if not session["finished_at"]:
        raise MockTestError("The answers are shown when the test is finished.")
    rows = []
    for section in session["sections"]:
        for item_id in section["items"]:
            item = bank.get(item_id)
            choice = session["answers"].get(item_id)
            rows.append({"id": item_id, "section": section["key"], "prompt": plain(item.prompt),
                         "choices": [plain(c) for c in item.choices], "choice": choice, "answer": item.answer,
                         "correct": choice == item.answer, "explanation": item.explanation_in(language)})
            stimulus = bank.stimuli.get(item.stimulus or "")
            if stimulus and stimulus["kind"] == "script":  # what was heard, now that the test is over
                rows[-1]["script"] = plain(stimulus["text"])
            if item.grammar_point:  # "Grammar: <pattern> — Read the lesson" (the page's lesson handler)
                from .drill_api import grammar_link

                rows[-1]["grammar"] = grammar_link(item.grammar_point)
    return rows


def _small(session: dict, item_id: str, now: datetime) -> dict:
    """The answer to ``answer``, ``flag`` and ``go_to``: only what changed, to keep phones' data low."""
    return {"item_id": item_id, "choice": session["answers"].get(item_id),
            "flagged": item_id in session["flags"], "position": session["position"],
            "answered_count": len(session["answers"]),
            "remaining_seconds": remaining_seconds(session, now)}


def act_start(record: dict | None, level: str, bank: Bank, data: object, now: datetime,
              rng: random.Random, language: str = "en", version: str = NEXT) -> tuple[dict, dict]:
    """Begin a test of ``level`` (again, after a finished one); a running test simply continues.

    ``version``: the form the author chose (A, B, C), or ``next``: the learner's next form."""
    _body(data)
    record, _finished = sync(record, bank, now)
    session = record.get("session")
    if not session or session["finished_at"]:
        mock = assemble_form(level, version_to_start(record, version), bank)
        if not any(ids for _key, ids in mock.sections):
            raise MockTestError("There are no questions for this test yet.")
        record = {"session": start(mock, now), "result": None, "taken": taken_of(record)}
    return record, payload(record, level, bank, now, language, version)


def act_answer(record: dict, bank: Bank, data: object, now: datetime) -> tuple[dict, dict]:
    """``{"item_id", "choice"}``: store the choice (it is judged only when the test is finished)."""
    data = _body(data, item_id=str, choice=int)
    session = answer(_session(record), bank, data["item_id"], data["choice"], now)
    return {**record, "session": session}, _small(session, data["item_id"], now)


def act_flag(record: dict, data: object, now: datetime) -> tuple[dict, dict]:
    """``{"item_id", "flagged"}``: mark a question for review, or clear the mark."""
    data = _body(data, item_id=str, flagged=bool)
    session = flag(_session(record), data["item_id"], now, data["flagged"])
    return {**record, "session": session}, _small(session, data["item_id"], now)


def act_go_to(record: dict, data: object, now: datetime) -> tuple[dict, dict]:
    """``{"item_id"}``: the question on screen, kept so a reload comes back to it."""
    data = _body(data, item_id=str)
    session = go_to(_session(record), data["item_id"], now)
    return {**record, "session": session}, _small(session, data["item_id"], now)


def act_next_section(record: dict, bank: Bank, data: object, now: datetime,
                     language: str = "en", version: str = NEXT) -> tuple[dict, dict, Finished | None]:
    """``{}``: end the open JLPT section early; after the last one the test is finished."""
    _body(data)
    record = {**record, "session": next_section(_session(record), now)}
    record, finished = sync(record, bank, now)
    return record, payload(record, record["session"]["level"], bank, now, language, version), finished


def act_finish(record: dict, bank: Bank, data: object, now: datetime,
               language: str = "en", version: str = NEXT) -> tuple[dict, dict, Finished]:
    """``{}``: end the test now and grade it on the server. A finished test cannot be finished again."""
    _body(data)
    record, _ = sync(record, bank, now)
    session = _session(record)
    if session["finished_at"]:
        raise MockTestError("This test is finished.")
    record, finished = _finish(record, bank, now)
    return record, payload(record, session["level"], bank, now, language, version), finished


def user_state(record: dict | None, bank: Bank, now: datetime) -> dict:
    """For native clients: where the learner is, never a question's answer."""
    record = record or new_record()
    session = record.get("session")
    status = "ready" if not session else "finished" if session["finished_at"] else "running"
    state = {"status": status, "level": session["level"] if session else None,
             "version": session.get("version", "") if session else "", "answered_count": 0,
             "item_count": 0, "flagged_count": 0, "remaining_seconds": 0, "result": None}
    if session:
        state.update(answered_count=len(session["answers"]),
                     item_count=sum(len(s["items"]) for s in session["sections"]),
                     flagged_count=len(session["flags"]), remaining_seconds=remaining_seconds(session, now))
    if record.get("result"):
        report = record["result"]["report"]
        state["result"] = {"total": report["total"], "maximum": report["maximum"], "passed": report["passed"],
                           "band": report["band"],
                           "sections": [{k: s[k] for k in ("key", "score", "maximum", "minimum")}
                                        for s in report["sections"]]}
    return state
