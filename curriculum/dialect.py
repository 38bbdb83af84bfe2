"""The Kagoshima dialect module: its content, its exercises and a lesson round.

Content lives in ``content/dialect`` (format: ``content/dialect/README.md``): ``expressions.json``
(the 95 rows of the reference list) and ``lessons.json`` (situational lessons, the false friends and
the sound/grammar lessons with their drills). A lesson round follows the drill's contract
(``drill_api``): ``present`` / ``submit`` / ``restart`` / ``set_language`` over a JSON state, the
answer never leaves before the learner has answered, and a forged or replayed submission raises
``LessonError`` with nothing changed. Practice-only items are shown with a notice and never scored.

``lessons.json``: ``{"lessons": [...], "recognition_only": [...]}``. A lesson has ``id``, ``kind``
(situational, false_friends, sound_rule) and ``title`` (en ja vi id tl my); false_friends lists its
``expressions`` by id; a sound_rule lesson adds ``term`` (the Japanese name), ``explanation`` (en vi id tl
my), ``sources`` (keys of the reference or its §4.2 URLs), ``examples`` (``{"standard", "dialect"}`` pairs
from the reference, §4.2/§4.3 only) and ``drills`` (``{"id", "direction": "to_dialect" | "to_standard",
"prompt", "answer", "distractors"}``, built from the examples). ``recognition_only`` entries (おいどん,
ごわす) have the expression format with ``"ref": null``, an id ``kd-rNN`` and the recognition_only flag.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .audio import audio_file, dialect_key
from .bank import CONTENT_DIR
from .drill import Grade
from .furigana import FuriganaError, plain, segments
from .languages import LANGUAGES, TRANSLATION_LANGUAGES

DIALECT_DIR = CONTENT_DIR / "dialect"
#: Explanations (meaning, usage, action, lesson notes) come in these; Japanese readers get the standard form.
EXPLANATION_LANGUAGES = TRANSLATION_LANGUAGES
#: Lesson titles and the learner's language switch.
REFERENCE_ROWS = range(1, 96)
SITUATIONAL = ("greetings", "responses", "work", "praise_criticism", "safety", "health_care", "farm_food",
               "weather", "people")
FALSE_FRIENDS = "false_friends"
KINDS = ("situational", "false_friends", "sound_rule")
DOMAINS = frozenset("GRWHEFP")
FLAGS = frozenset({"single_source", "weak_source", "conflict", "two_senses", "variants", "homonyms",
                   "recognition_only", "false_friend", "safety"})
#: Flags that make an item practice only: shown with "check with a local colleague", never scored.
PRACTICE_ONLY = frozenset({"single_source", "weak_source", "conflict", "two_senses", "recognition_only"})

#: The source keys of the reference list's key table (§4.3 of the project's dialect reference; the keys
#: and their pages are listed in content/dialect/README.md). "MBC-n" is one key per MBC post number.
#: DRESSY, SH and AGRI name several pages and may carry the page ("DRESSY/3"). Any other source is a URL.
SOURCE_KEYS = frozenset({
    "goo-m8u", "goo-m9p3u", "goo-m9p4u", "MED", "SHUKU", "MBC-31113", "MBC-46809", "MBC-49528", "MBC-49836",
    "MBC-59297", "MBC-61252", "MBC-63549", "KOMU", "MITSU", "AGRI", "DRESSY", "SH", "SANDY", "BIG", "CARE09",
    "KTS", "OKAPON", "SEITAI", "MEAT",
})
#: The URLs §4.2 of the reference cites outside the key table; a sound/grammar lesson cites keys or these.
REFERENCE_URLS = frozenset({
    "http://mobile.seisyun.net/wgate/%e8%96%a9%e6%91%a9%e5%bc%81/115/a",
    "https://yomi.tokyo/agate/academy6/gengo/1129526812/789/dtn",
    "https://ja.m.wikipedia.org/wiki/%E7%89%B9%E5%88%A5:%E6%90%BA%E5%B8%AF%E6%A9%9F%E5%99%A8%E5%B7%AE%E5%88%86"
    "/66174316",
    "https://blogs.mbc.co.jp/popo/cat_pomail/31113",
    "https://docslib.org/doc/5290381/tone-and-syllable-in-kagoshima-japanese",
    "https://wikiclassic.com/wiki/Particles_of_the_Kagoshima_dialects",
    "https://whi2.net/2018/12/1369/",
    "https://akanbo-media.jp/posts/6536?page=7",
    "https://more.hpplus.jp/morejapan/series/dialect/78755",
    "https://seikatsu-hyakka.com/archives/55697/3",
    "https://dressy.pla-cole.wedding/kagoshima-hougen/2",
    "http://mitsuoriyasan.com/?mode=f7&tid=38",
    "https://a31321a.hatenablog.com/entry/2020/06/05/165902",
    "http://satsuma-shuku.com/tourism-culture-history/dialect.html",
    "http://www1.sandybel.com/kagoshima.htm",
    "http://slideshowjp.com/doc/625171/",
})
_PAGED_KEY = re.compile(r"^(DRESSY|SH|AGRI)/\d+$")
#: Sources that do not count towards scoring: CARE09 is an anonymous message-board repost.
WEAK_SOURCES = frozenset({"CARE09"})
#: An expression is scored only when this many independent sources attest it.
MIN_SOURCES = 2
#: Pages of one publisher count as one source: the key (or URL host) → the publisher.
_PUBLISHERS = {
    "goo-m8u": "goo", "goo-m9p3u": "goo", "goo-m9p4u": "goo", "dictionary.goo.ne.jp": "goo",
    "slideshowjp.com": "MED", "blogs.mbc.co.jp": "MBC", "a31321a.hatenablog.com": "AGRI",
    "dressy.pla-cole.wedding": "DRESSY", "seikatsu-hyakka.com": "SH", "satsuma-shuku.com": "SHUKU",
    "mitsuoriyasan.com": "MITSU", "www1.sandybel.com": "SANDY", "komutai.gooside.com": "KOMU",
    "www7a.biglobe.ne.jp": "BIG", "www.kts-tv.co.jp": "KTS", "okapon-info.com": "OKAPON",
    "kagosimaseitai.blog.jp": "SEITAI", "meat21.com": "MEAT",
}


def publisher(source: str) -> str:
    """Who stands behind a source: MBC-31113 and MBC-46809 are both MBC; DRESSY/3 is DRESSY; a URL its host's
    publisher (www. dropped)."""
    if source.startswith(("http://", "https://")):
        host = source.split("/")[2].lower()
        bare = host.removeprefix("www.")
        return _PUBLISHERS.get(host) or _PUBLISHERS.get(bare) or bare
    if source.startswith("MBC-"):
        return "MBC"
    return _PUBLISHERS.get(source, source.split("/")[0])


def independent_sources(sources: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The distinct publishers behind ``sources``, weak ones left out."""
    return frozenset(publisher(s) for s in sources if s not in WEAK_SOURCES)
CHOICES = 4


class DialectError(ValueError):
    """Dialect content that does not hold together; the message names the file, the entry and the rule."""


class LessonError(ValueError):
    """A submission a lesson round refuses (not served, replayed, malformed). Nothing changes."""


def known_source(source: object, *, urls: bool = True) -> bool:
    """A key of the reference's table (or a paged one), or a URL when ``urls``."""
    if not isinstance(source, str):
        return False
    if source in SOURCE_KEYS or _PAGED_KEY.match(source):
        return True
    return urls and source.startswith(("http://", "https://"))


# -- content ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Expression:
    """One row of the reference list (or a recognition-only entry) as a learning item."""

    id: str
    ref: int | None
    forms: tuple[str, ...]
    standard: str
    lesson: str
    sources: tuple[str, ...]
    flags: frozenset[str]
    dialogue: tuple[dict, ...]
    meaning: dict[str, str]
    usage: dict[str, str]
    action: dict[str, str] = field(default_factory=dict)
    domains: tuple[str, ...] = ()

    @property
    def form(self) -> str:
        return self.forms[0]

    @property
    def well_attested(self) -> bool:
        """Two or more independent sources (pages of one publisher count once; weak sources not at all)."""
        return len(independent_sources(self.sources)) >= MIN_SOURCES

    @property
    def practice_only(self) -> bool:
        return bool(self.flags & PRACTICE_ONLY) or not self.well_attested

    @property
    def practice_reasons(self) -> frozenset[str]:
        """The flags that make it practice only; ``single_source`` when fewer than two independent sources."""
        return (self.flags & PRACTICE_ONLY) | (frozenset() if self.well_attested else {"single_source"})

    def meaning_in(self, language: str) -> str:
        return self.standard if language == "ja" else self.meaning.get(language) or self.meaning["en"]

    def usage_in(self, language: str) -> str:
        return "" if language == "ja" else self.usage.get(language) or self.usage["en"]

    def action_in(self, language: str) -> str:
        if language == "ja":
            return self.standard  # Japanese readers: what was said, in standard Japanese
        return self.action.get(language) or self.action.get("en", "")


@dataclass(frozen=True)
class Drill:
    """A transformation drill item of a sound/grammar lesson: standard → dialect or dialect → standard."""

    id: str
    direction: str  # "to_dialect" or "to_standard"
    prompt: str
    answer: str
    distractors: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    id: str
    kind: str
    title: dict[str, str]
    explanation: dict[str, str] = field(default_factory=dict)
    term: str = ""
    sources: tuple[str, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()
    drills: tuple[Drill, ...] = ()
    expression_ids: tuple[str, ...] = ()  # the false friends lesson names its items

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["en"]


@dataclass(frozen=True)
class Content:
    expressions: dict[str, Expression]
    lessons: dict[str, Lesson]

    def entries(self, lesson_id: str) -> list[Expression]:
        """The expressions a situational or false-friends lesson teaches, in reference order."""
        lesson = self.lessons[lesson_id]
        if lesson.kind == "false_friends":
            return [self.expressions[i] for i in lesson.expression_ids if i in self.expressions]
        return [e for e in self.expressions.values() if e.lesson == lesson_id]


def _text_problems(where: str, name: str, texts: object, languages=EXPLANATION_LANGUAGES) -> list[str]:
    if not isinstance(texts, dict):
        return [f"{where}: {name} must be an object with {', '.join(languages)}"]
    missing = [lang for lang in languages if not str(texts.get(lang) or "").strip()]
    return [f"{where}: {name} lacks {', '.join(missing)}"] if missing else []


def _bare(text: str) -> str:
    return re.sub(r"[「」『』\s]", "", plain(text))


def _form_variants(form: str) -> set[str]:
    """A form as written, without its parenthesised part, and each part of "A / B" or "A・B"."""
    out = {form, re.sub(r"[(（][^)）]*[)）]", "", form)}
    for piece in re.split(r"[/／・]", form):
        out.add(re.sub(r"[(（][^)）]*[)）]", "", piece))
    return {_bare(v) for v in out if _bare(v)}


def _expression(data: dict, where: str, problems: list[str]) -> Expression | None:
    """Check one expression (README rules); returns it when it can be used at all."""
    if not isinstance(data, dict):
        problems.append(f"{where}: an expression must be an object")
        return None
    eid = data.get("id")
    where = f"{where} {eid or '?'}"
    before = len(problems)
    forms = data.get("forms")
    if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        problems.append(f"{where}: forms must be a non-empty list of dialect forms")
        forms = []
    if not str(data.get("standard") or "").strip():
        problems.append(f"{where}: standard (the standard Japanese) is missing")
    flags = data.get("flags", [])
    if not isinstance(flags, list) or set(flags) - FLAGS:
        unknown_flags = sorted(set(flags) - FLAGS) if isinstance(flags, list) else flags
        problems.append(f"{where}: unknown flags {unknown_flags} (allowed: {', '.join(sorted(FLAGS))})")
        flags = []
    domains = data.get("domains", [])
    if not isinstance(domains, list) or set(domains) - DOMAINS:
        problems.append(f"{where}: domains must be letters of {''.join(sorted(DOMAINS))}")
        domains = []
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append(f"{where}: sources must name at least one key of the reference or a URL")
        sources = []
    unknown = [s for s in sources if not known_source(s)]
    if unknown:
        problems.append(f"{where}: sources {unknown} are neither keys of the reference's table nor URLs")
    for name in ("meaning", "usage"):
        problems.extend(_text_problems(where, name, data.get(name)))
    if "action" in data:
        problems.extend(_text_problems(where, "action", data.get("action")))
    dialogue = data.get("dialogue")
    if not isinstance(dialogue, list) or not 2 <= len(dialogue) <= 3 or not all(
            isinstance(line, dict) and line.get("ja") and line.get("standard") and "speaker" in line
            for line in dialogue):
        problems.append(f"{where}: dialogue must be 2–3 lines, each with speaker, ja and standard")
        dialogue = []
    else:
        try:
            for line in dialogue:
                segments(line["ja"])
                segments(line["standard"])
                if "say" in line and (not isinstance(line["say"], str) or not line["say"].strip()
                                      or segments(line["say"]) != [[line["say"], None]]):
                    problems.append(f"{where}: dialogue: say must be plain text (what the recording "
                                    "reads instead of ja)")
        except FuriganaError as exc:
            problems.append(f"{where}: dialogue: {exc}")
        variants = set().union(*(_form_variants(f) for f in forms)) if forms else set()
        if variants and not any(v in _bare(line["ja"]) for line in dialogue for v in variants):
            problems.append(f"{where}: no dialogue line contains one of the forms {forms}")
    if len(problems) > before:
        return None
    return Expression(id=eid, ref=data.get("ref"), forms=tuple(forms), standard=data["standard"],
                      lesson=data.get("lesson", ""), sources=tuple(sources), flags=frozenset(flags),
                      dialogue=tuple(dict(line) for line in dialogue), meaning=dict(data["meaning"]),
                      usage=dict(data["usage"]), action=dict(data.get("action") or {}),
                      domains=tuple(domains))


def _drill_problems(lesson: dict, where: str,
                    all_pairs: set[tuple[str, str]]) -> tuple[list[Drill], list[str]]:
    problems: list[str] = []
    drills: list[Drill] = []
    pairs = {(e.get("standard"), e.get("dialect")) for e in lesson.get("examples", []) if isinstance(e, dict)}
    dialects = {d for _s, d in all_pairs}
    standards = {s for s, _d in all_pairs}
    covered = set()
    for raw in lesson.get("drills", []):
        did = raw.get("id", "?") if isinstance(raw, dict) else "?"
        here = f"{where}: drill {did}"
        try:
            drill = Drill(id=raw["id"], direction=raw["direction"], prompt=raw["prompt"],
                          answer=raw["answer"], distractors=tuple(raw["distractors"]))
        except (KeyError, TypeError):
            problems.append(f"{here}: needs id, direction, prompt, answer and distractors")
            continue
        if drill.direction not in ("to_dialect", "to_standard"):
            problems.append(f"{here}: direction must be to_dialect or to_standard")
            continue
        to_dialect = drill.direction == "to_dialect"
        pair = (drill.prompt, drill.answer) if to_dialect else (drill.answer, drill.prompt)
        if pair not in pairs:
            problems.append(f"{here}: {drill.prompt} → {drill.answer} is not an example of the lesson")
        pool = dialects if to_dialect else standards
        right = {d for s, d in all_pairs if s == drill.prompt} if to_dialect else \
            {s for s, d in all_pairs if d == drill.prompt}
        count = len(drill.distractors)
        if not 1 <= count <= CHOICES - 1 or len(set(drill.distractors)) != count:
            problems.append(f"{here}: give 1–{CHOICES - 1} different distractors")
        for wrong in drill.distractors:
            if wrong not in pool:
                problems.append(f"{here}: distractor {wrong!r} is not an example of a sound/grammar lesson")
            elif wrong in right:
                problems.append(f"{here}: distractor {wrong!r} is also a right answer for {drill.prompt!r}")
        covered.add(pair)
        drills.append(drill)
    missing = sorted(pairs - covered)
    if missing:
        problems.append(f"{where}: examples without a drill: {missing}")
    return drills, problems


def _lesson(data: dict, where: str, all_pairs: set, problems: list[str]) -> Lesson | None:
    lid = data.get("id") if isinstance(data, dict) else None
    where = f"{where} {lid or '?'}"
    if not isinstance(data, dict) or not lid:
        problems.append(f"{where}: a lesson needs an id")
        return None
    before = len(problems)
    kind = data.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}: kind must be one of {', '.join(KINDS)}")
    problems.extend(_text_problems(where, "title", data.get("title"), LANGUAGES))
    drills: list[Drill] = []
    examples: list[tuple[str, str]] = []
    if kind == "sound_rule":
        problems.extend(_text_problems(where, "explanation", data.get("explanation")))
        if not str(data.get("term") or "").strip():
            problems.append(f"{where}: term (the Japanese name of the rule) is missing")
        sources = data.get("sources")
        if not isinstance(sources, list) or not sources:
            problems.append(f"{where}: sources must cite the reference (§4.2)")
        else:
            stray = [s for s in sources if not (known_source(s, urls=False) or s in REFERENCE_URLS)]
            if stray:
                problems.append(f"{where}: sources {stray} are not in the reference's key table or §4.2")
        raw_examples = data.get("examples")
        if not isinstance(raw_examples, list) or not raw_examples or not all(
                isinstance(e, dict) and e.get("standard") and e.get("dialect") for e in raw_examples):
            problems.append(f"{where}: examples must be standard → dialect pairs from the reference")
        else:
            examples = [(e["standard"], e["dialect"]) for e in raw_examples]
            drills, found = _drill_problems(data, where, all_pairs)
            problems.extend(found)
    if kind == "false_friends":
        ids = data.get("expressions")
        if not isinstance(ids, list) or not ids:
            problems.append(f"{where}: expressions must list the false friends' ids")
    if len(problems) > before:
        return None
    return Lesson(id=lid, kind=kind, title=dict(data["title"]),
                  explanation=dict(data.get("explanation") or {}), term=data.get("term", ""),
                  sources=tuple(data.get("sources", ())), examples=tuple(examples), drills=tuple(drills),
                  expression_ids=tuple(data.get("expressions", ())))


def _read(path: Path, key: str, problems: list[str]) -> list:
    if not path.exists():
        problems.append(f"{path}: missing")
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(f"{path}: not valid JSON ({exc})")
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(f'{path}: needs a top-level {{"{key}": [...]}}')
        return []
    return data[key]


def validate(folder: Path = DIALECT_DIR) -> tuple[Content, list[str]]:
    """Read both files, check every rule, and return what is usable plus every problem found."""
    problems: list[str] = []
    exp_path, les_path = Path(folder) / "expressions.json", Path(folder) / "lessons.json"
    expressions: dict[str, Expression] = {}
    for raw in _read(exp_path, "expressions", problems):
        found = _expression(raw, f"{exp_path.name}: expression", problems)
        if found is None:
            continue
        if found.id in expressions:
            problems.append(f"{exp_path.name}: expression {found.id}: the id is used twice")
            continue
        ref = found.ref
        if not isinstance(ref, int) or ref not in REFERENCE_ROWS or found.id != f"kd-{ref:03d}":
            problems.append(f"{exp_path.name}: expression {found.id}: ref must be the row (1–95) and the id "
                            f'"kd-" + the row in 3 digits')
            continue
        expressions[found.id] = found
    refs = {e.ref for e in expressions.values()}
    missing = [n for n in REFERENCE_ROWS if n not in refs]
    if missing:
        problems.append(f"{exp_path.name}: rows of the reference list without an expression: "
                        f"{_ranges(missing)}")
    raw_lessons = _read(les_path, "lessons", problems)
    try:
        recognition = json.loads(les_path.read_text(encoding="utf-8")).get("recognition_only", [])
    except (OSError, ValueError, AttributeError):
        recognition = []
    for raw in recognition:
        found = _expression(raw, f"{les_path.name}: recognition_only", problems)
        if found is None:
            continue
        if "recognition_only" not in found.flags or found.ref is not None or not found.id.startswith("kd-r"):
            problems.append(f"{les_path.name}: recognition_only {found.id}: needs the recognition_only flag, "
                            f'"ref": null and an id "kd-rNN"')
            continue
        expressions[found.id] = found
    all_pairs = {(e.get("standard"), e.get("dialect")) for raw in raw_lessons if isinstance(raw, dict)
                 and raw.get("kind") == "sound_rule" for e in raw.get("examples", []) if isinstance(e, dict)}
    lessons: dict[str, Lesson] = {}
    for raw in raw_lessons:
        found = _lesson(raw, f"{les_path.name}: lesson", all_pairs, problems)
        if found is None:
            continue
        if found.id in lessons:
            problems.append(f"{les_path.name}: lesson {found.id}: the id is used twice")
            continue
        lessons[found.id] = found
    absent = [lid for lid in (*SITUATIONAL, FALSE_FRIENDS) if lid not in lessons]
    if absent:
        problems.append(f"{les_path.name}: lessons missing: {', '.join(absent)}")
    for expression in expressions.values():
        if expression.lesson not in SITUATIONAL:
            problems.append(f"expression {expression.id}: lesson {expression.lesson!r} is not one of "
                            f"{', '.join(SITUATIONAL)}")
    if FALSE_FRIENDS in lessons and expressions:
        unknown = [i for i in lessons[FALSE_FRIENDS].expression_ids if i not in expressions]
        if unknown and not missing:
            problems.append(f"{les_path.name}: lesson false_friends: no expressions {unknown}")
    return Content(expressions, lessons), problems


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def load(folder: Path = DIALECT_DIR) -> Content:
    """The content, or ``DialectError`` naming every broken rule. Rows still to be written (the list is
    incomplete) are left to ``nihongo content check``; everything present must be sound."""
    content, problems = validate(folder)
    broken = [p for p in problems if "rows of the reference list without" not in p]
    if broken:
        raise DialectError("dialect content is broken:\n" + "\n".join(broken))
    return content


@lru_cache(maxsize=1)
def default_content() -> Content:
    """The shipped dialect content, loaded once per process."""
    return load()


def lessons() -> list[Lesson]:
    return list(default_content().lessons.values())


def lesson(lesson_id: str) -> Lesson:
    try:
        return default_content().lessons[lesson_id]
    except KeyError:
        raise DialectError(f"no dialect lesson {lesson_id!r}; the lessons are "
                           f"{', '.join(default_content().lessons)}") from None


# -- exercises -------------------------------------------------------------------------------------

#: What each exercise asks; the hosts word the instruction (their catalogue) by this kind.
EXERCISE_KINDS = ("meaning", "supervisor", "to_standard", "to_dialect", "safety", "listening")
_ROTATION = ("meaning", "to_standard", "listening", "to_dialect")


def _kind(expression: Expression, lesson: Lesson) -> str:
    if lesson.kind == "false_friends" or expression.flags & {"recognition_only"}:
        return "meaning"
    if expression.action and ("safety" in expression.flags or expression.lesson == "safety"):
        return "safety"
    if expression.action:
        return "supervisor"
    return _ROTATION[(expression.ref or 0) % len(_ROTATION)]


def _distractors(entry: Expression, lesson_entries: list[Expression], others: list[Expression],
                 same, rng: random.Random) -> list[str]:
    """Up to three other expressions whose choice text differs from the entry's (same lesson first);
    never a recognition-only one (おいどん is not offered as an answer to anything)."""
    usable = [e for e in lesson_entries if e.id != entry.id and "recognition_only" not in e.flags]
    own = usable
    rest = [e for e in others if e.id != entry.id and e not in own and "recognition_only" not in e.flags]
    rng.shuffle(own)
    rng.shuffle(rest)
    picked: list[Expression] = []
    for candidate in own + rest:
        if len(picked) == CHOICES - 1:
            break
        if not same(candidate, entry) and not any(same(candidate, p) for p in picked):
            picked.append(candidate)
    return [e.id for e in picked]


def _by(attribute):
    return lambda a, b: attribute(a) == attribute(b)


def _expression_exercise(entry: Expression, lesson: Lesson, content: Content, rng: random.Random) -> dict:
    kind = _kind(entry, lesson)
    entries = content.entries(lesson.id)
    everyone = list(content.expressions.values())
    if kind in ("safety", "supervisor"):
        acting = [e for e in everyone if e.action]
        ids = _distractors(entry, [e for e in entries if e.action], acting,
                           lambda a, b: a.action.get("en") == b.action.get("en") or a.standard == b.standard,
                           rng)
    elif kind in ("meaning", "listening"):
        ids = _distractors(entry, entries, everyone,
                           lambda a, b: a.meaning["en"] == b.meaning["en"] or a.standard == b.standard, rng)
    elif kind == "to_standard":
        ids = _distractors(entry, entries, everyone, _by(lambda e: e.standard), rng)
    else:  # to_dialect
        ids = _distractors(entry, entries, everyone,
                           lambda a, b: a.standard == b.standard or a.form == b.form, rng)
    choices = [entry.id, *ids]
    rng.shuffle(choices)
    return {"entry": entry.id, "kind": kind, "choices": choices, "answer": choices.index(entry.id),
            "scored": not entry.practice_only}


def _drill_exercise(drill: Drill, rng: random.Random) -> dict:
    choices = [drill.answer, *drill.distractors]
    rng.shuffle(choices)
    return {"entry": drill.id, "kind": drill.direction, "choices": choices,
            "answer": choices.index(drill.answer), "scored": True}


def exercises(lesson_id: str, rng: random.Random, content: Content | None = None) -> list[dict]:
    """One round of a lesson: every item once, in an order and with choices drawn by ``rng``.

    Each exercise holds its answer (``answer``, an index into ``choices``); only the state keeps it.
    """
    content = content or default_content()
    lesson_ = content.lessons[lesson_id]
    if lesson_.kind == "sound_rule":
        found = [_drill_exercise(d, rng) for d in lesson_.drills]
    else:
        found = [_expression_exercise(e, lesson_, content, rng) for e in content.entries(lesson_id)]
    rng.shuffle(found)
    return found


def scored_total(lesson_id: str, content: Content | None = None) -> int:
    """How many exercises of a round count for the grade (the same every round)."""
    content = content or default_content()
    lesson_ = content.lessons[lesson_id]
    if lesson_.kind == "sound_rule":
        return len(lesson_.drills)
    return sum(not e.practice_only for e in content.entries(lesson_id))


# -- what a learner sees ---------------------------------------------------------------------------

def _line(line: dict, key: str = "ja") -> dict:
    text = line[key]
    shown = {"speaker": line.get("speaker", ""), "text": plain(text)}
    if any(reading for _base, reading in segments(text)):
        shown["ruby"] = segments(text)
    return shown


def _choice_text(exercise: dict, ref: str, content: Content, language: str) -> str:
    kind = exercise["kind"]
    if kind in ("to_dialect", "to_standard") and ref not in content.expressions:
        return ref  # a drill's choices are the texts themselves
    expression = content.expressions[ref]
    if kind in ("meaning", "listening"):
        return expression.meaning_in(language)
    if kind in ("safety", "supervisor"):
        return expression.action_in(language)
    return expression.standard if kind == "to_standard" else expression.form


def _drill(exercise: dict, content: Content) -> Drill:
    drills = (d for lesson_ in content.lessons.values() for d in lesson_.drills)
    return next(d for d in drills if d.id == exercise["entry"])


def _is_drill(exercise: dict, content: Content) -> bool:
    return exercise["entry"] not in content.expressions


def _shown_exercise(exercise: dict, content: Content, language: str) -> dict:
    kind = exercise["kind"]
    shown = {"id": exercise["id"], "kind": kind, "practice_only": not exercise["scored"],
             "choices": [_choice_text(exercise, ref, content, language) for ref in exercise["choices"]]}
    text_choices = kind in ("meaning", "listening", "safety", "supervisor")
    shown["choices_lang"] = language if text_choices else "ja"
    if _is_drill(exercise, content):
        drill = _drill(exercise, content)
        shown.update(prompt=drill.prompt, speak=drill.prompt if kind == "to_standard" else "", flags=[])
        return shown
    entry = content.expressions[exercise["entry"]]
    shown["flags"] = sorted(entry.practice_reasons)
    script = [_line(line) for line in entry.dialogue]
    # the dialogue's synthetic recordings (standard accent), line by line, for the exercises that play it
    recordings = [audio_file(dialect_key(entry.id, n)) for n in range(len(entry.dialogue))]
    if kind in ("supervisor", "listening") and all(recordings) and content is default_content():
        shown["audio"] = recordings
    if kind == "to_dialect":
        shown.update(prompt=entry.standard, speak="")
    elif kind == "supervisor":
        shown.update(prompt="", dialogue=script, speak="\n".join(line["text"] for line in script))
    elif kind == "listening":
        # the script is there for a learner who asks for it (no voice on the device, or hard to hear)
        shown.update(prompt="", script=script, speak="\n".join(line["text"] for line in script))
    else:  # meaning, to_standard, safety: the phrase itself
        shown.update(prompt=entry.form, speak=entry.form)
    return shown


def _lesson_info(lesson_: Lesson, language: str) -> dict:
    info = {"id": lesson_.id, "kind": lesson_.kind, "title": lesson_.title_in(language)}
    if lesson_.explanation:
        info["explanation"] = "" if language == "ja" else (lesson_.explanation.get(language)
                                                             or lesson_.explanation["en"])
    if lesson_.kind == "sound_rule":
        info.update(term=lesson_.term, sources=list(lesson_.sources),
                    examples=[{"standard": s, "dialect": d} for s, d in lesson_.examples])
    return info


def _feedback(exercise: dict, content: Content, language: str) -> dict:
    if _is_drill(exercise, content):
        drill = _drill(exercise, content)
        standard, dialect = (drill.prompt, drill.answer) if drill.direction == "to_dialect" else \
            (drill.answer, drill.prompt)
        return {"form": dialect, "standard": standard, "meaning": "", "usage": "", "dialogue": []}
    entry = content.expressions[exercise["entry"]]
    return {
        "form": " / ".join(entry.forms), "standard": entry.standard, "meaning": entry.meaning_in(language),
        "usage": entry.usage_in(language), "action": entry.action_in(language) if entry.action else "",
        "dialogue": [dict(_line(line), standard=plain(line["standard"])) for line in entry.dialogue],
        "sources": list(entry.sources),
    }


# -- the lesson round (the JSON contract both hosts serve) ------------------------------------------

def empty_state(lesson_id: str) -> dict:
    return {"lesson": lesson_id, "round": 0, "exercises": [], "position": 0, "results": [], "best": 0,
            "rounds_completed": 0, "language": None}


def _copy(state: dict | None, lesson_id: str) -> dict:
    if not state or state.get("lesson") != lesson_id:
        return empty_state(lesson_id)  # a block whose lesson an author changed starts afresh
    return copy.deepcopy(state)


def _start(state: dict, lesson_id: str, rng: random.Random, content: Content) -> dict:
    state["round"] += 1
    found = exercises(lesson_id, rng, content)
    for n, exercise in enumerate(found, start=1):
        exercise["id"] = f"r{state['round']}-{n:02d}"
    state.update(exercises=found, position=0, results=[])
    return state


def _stale(state: dict, content: Content) -> bool:
    """Whether the round names items the content no longer has (new content was deployed)."""
    drills = {d.id for lesson_ in content.lessons.values() for d in lesson_.drills}
    for exercise in state["exercises"]:
        if exercise["entry"] in drills:
            continue
        if not {exercise["entry"], *exercise["choices"]} <= set(content.expressions):
            return True
    return False


def _complete(state: dict) -> bool:
    return bool(state["exercises"]) and state["position"] >= len(state["exercises"])


def _pending(state: dict) -> dict | None:
    """The exercise being asked; None when the round is over or the lesson has nothing yet."""
    return state["exercises"][state["position"]] if state["position"] < len(state["exercises"]) else None


def _progress(state: dict) -> dict:
    done = state["exercises"][:len(state["results"])]
    scored = [ok for ok, exercise in zip(state["results"], done, strict=True) if exercise["scored"]]
    return {"answered": state["position"], "total": len(state["exercises"]), "scored_correct": sum(scored),
            "scored_answered": len(scored), "scored_total": sum(e["scored"] for e in state["exercises"]),
            "correct": sum(state["results"]), "best": state["best"],
            "rounds_completed": state["rounds_completed"]}


def _language(state: dict, default: str) -> str:
    chosen = state.get("language") or default
    return chosen if chosen in LANGUAGES else "en"


def present(state: dict | None, lesson_id: str, rng: random.Random, language: str = "en",
            content: Content | None = None) -> tuple[dict, dict]:
    """The lesson, the exercise being asked (never its answer) and the progress."""
    content = content or default_content()
    if lesson_id not in content.lessons:
        raise DialectError(f"no dialect lesson {lesson_id!r}")
    state = _copy(state, lesson_id)
    if not state["exercises"] or _stale(state, content):
        state = _start(state, lesson_id, rng, content)
    lang = _language(state, language)
    pending = _pending(state)
    payload = {
        "lesson": _lesson_info(content.lessons[lesson_id], lang),
        "exercise": _shown_exercise(pending, content, lang) if pending else None,
        "round_complete": _complete(state),
        "progress": _progress(state),
        "language": lang,
    }
    return state, payload


def submit(state: dict | None, lesson_id: str, data: object, rng: random.Random, language: str = "en",
           content: Content | None = None) -> tuple[dict, dict, Grade | None]:
    """Check ``{"exercise_id": str, "choice": int}``. Raises ``LessonError`` for anything malformed,
    forged or replayed; the state the host holds is then unchanged. The grade comes with the round's
    last answer: the best round's scored right answers out of the scored exercises (None when the
    lesson has nothing scored)."""
    content = content or default_content()
    if not isinstance(data, dict) or set(data) != {"exercise_id", "choice"}:
        raise LessonError('Send {"exercise_id": "...", "choice": <number>} and nothing else.')
    state, _payload = present(state, lesson_id, rng, language, content)
    exercise = _pending(state)
    if exercise is None or data["exercise_id"] != exercise["id"]:
        raise LessonError("This exercise was not served to you, or it was already answered.")
    choice = data["choice"]
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(exercise["choices"]):
        raise LessonError(f"choice must be a number from 0 to {len(exercise['choices']) - 1}")
    correct = choice == exercise["answer"]
    state["results"].append(correct)
    state["position"] += 1
    lang = _language(state, language)
    grade = None
    done = _complete(state)
    progress = _progress(state)
    if done:
        state["rounds_completed"] += 1
        state["best"] = max(state["best"], progress["scored_correct"])
        progress = _progress(state)
        if progress["scored_total"]:
            grade = Grade(earned=state["best"], possible=progress["scored_total"])
    shown = _shown_exercise(exercise, content, lang)
    payload = {
        "correct": correct, "correct_index": exercise["answer"], "scored": exercise["scored"],
        "practice_only": not exercise["scored"], "kind": exercise["kind"], "entry": exercise["entry"],
        "feedback": _feedback(exercise, content, lang), "round_complete": done, "progress": progress,
    }
    if "script" in shown:
        payload["script"] = shown["script"]
    return state, payload, grade


def restart(state: dict | None, lesson_id: str, rng: random.Random, language: str = "en",
            content: Content | None = None) -> tuple[dict, dict]:
    """Another round once this one is finished (a new order and new choices), then present."""
    content = content or default_content()
    state, _payload = present(state, lesson_id, rng, language, content)
    if _complete(state):
        state = _start(state, lesson_id, rng, content)
    return present(state, lesson_id, rng, language, content)


def set_language(state: dict | None, lesson_id: str, data: object, rng: random.Random, language: str = "en",
                 content: Content | None = None) -> tuple[dict, dict]:
    """The learner's language switch: ``{"language": "vi"}``; then present in that language."""
    if not isinstance(data, dict) or set(data) != {"language"} or data["language"] not in LANGUAGES:
        raise LessonError(f'Send {{"language": one of {", ".join(LANGUAGES)}}} and nothing else.')
    state, _payload = present(state, lesson_id, rng, language, content)
    state["language"] = data["language"]
    return present(state, lesson_id, rng, language, content)


def user_state(state: dict | None, lesson_id: str, language: str = "en") -> dict:
    """The learner's progress for native clients, without drawing a round: never an exercise or answer."""
    state = _copy(state, lesson_id)
    return {"lesson": lesson_id, "round_complete": _complete(state), "progress": _progress(state),
            "language": _language(state, language)}
