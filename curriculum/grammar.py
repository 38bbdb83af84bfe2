"""Grammar points (文法項目) N5–N2: lessons a learner can read, each with its own bank items.

The points live in ``content/grammar/<level>/NN-<topic>.json`` (format: one file per batch, see
``content/grammar/README.md``). Loading a file gives :class:`GrammarPoint` objects and ordinary bank
:class:`~curriculum.items.Item` objects tied to their point (``Item.grammar_point``):

- a point's ``grammar_form`` items get the IDs ``<point-id>-f1``, ``-f2`` …, its ``sentence_composition``
  items ``<point-id>-c1`` …; a passage's ``text_grammar`` items ``<passage-id>-1`` …, in file order, so
  IDs stay stable as long as authors append rather than reorder;
- a passage becomes a shared stimulus of kind ``passage`` with the passage's ID.

A broken record fails loading with the file, the point and the reason (:class:`ItemError`);
:func:`check` collects the content rules (examples, languages, slots, related IDs, ★ positions) as a
list of problems for ``nihongo content check``.

The API the hosts use: :func:`points`, :func:`point`, :func:`search`, :func:`items_for`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .furigana import FuriganaError, plain, segments
from .instructions import default_instruction
from .item_types import ItemType
from .items import TRANSLATION_LANGUAGES, Item, ItemError, Level, Skill

GRAMMAR_DIR = Path(__file__).parent / "content" / "grammar"

#: The levels that have grammar points, in order, and their folder names.
LEVELS = ("N5", "N4", "N3", "N2")
REGISTERS = ("casual", "polite", "formal", "written", "neutral")
#: What the issue asks for per level (printed by ``content check``; not enforced while levels are written).
TARGET_POINTS = {"N5": 80, "N4": 110, "N3": 130, "N2": 150}
MIN_EXAMPLES = 3
MIN_GRAMMAR_FORM = 3
MIN_COMPOSITION = 1
MIN_PASSAGES = 10
PASSAGE_BLANKS = (2, 3)

GRAMMAR_FORM_BLANK = "（　）"
SLOT = "＿＿"
STAR = "★"
_SLOTS = re.compile(f"{SLOT}|{STAR}")
_BLANK_MARK = re.compile(r"［([０-９0-9]+)］")
_POINT_ID = re.compile(r"n[2-5]-[a-z0-9]+(?:-[a-z0-9]+)*")
_MYANMAR = re.compile(r"[\u1000-\u109f]")

Translations = dict[str, str]


@dataclass(frozen=True)
class Example:
    """One example sentence: ``ja`` may carry furigana; ``form`` is the point as it appears in it."""

    ja: str
    form: str
    translations: Translations

    @property
    def plain(self) -> str:
        return plain(self.ja)


@dataclass(frozen=True)
class Passage:
    """A 文章の文法 text with blanks ［１］［２］…; its items are bank items with this ID as stimulus."""

    id: str
    level: str
    title: str
    text: str
    item_ids: tuple[str, ...]
    file: str = ""


@dataclass(frozen=True)
class GrammarPoint:
    """One grammar point: the lesson a learner reads, and the IDs of its bank items."""

    id: str
    level: str
    pattern: str
    meaning: Translations
    formation: tuple[str, ...]
    register: str
    notes: Translations
    mistakes: Translations
    related: tuple[str, ...]
    examples: tuple[Example, ...]
    item_ids: tuple[str, ...] = ()
    file: str = ""  # the content file it came from, relative to the grammar folder
    extra: dict = field(default_factory=dict, compare=False)  # optional fields an author added

    @property
    def slug(self) -> str:
        """The romaji part of the ID: ``n5-temo-ii`` → ``temo-ii``."""
        return self.id.split("-", 1)[1]

    def to_dict(self) -> dict:
        """The lesson as JSON for a host's grammar view (no items: fetch those with :func:`items_for`)."""
        return {
            "id": self.id, "level": self.level, "pattern": self.pattern, "meaning": dict(self.meaning),
            "formation": list(self.formation), "register": self.register, "notes": dict(self.notes),
            "mistakes": dict(self.mistakes), "related": list(self.related),
            "examples": [{"ja": e.ja, "plain": e.plain, "ruby": segments(e.ja), "form": e.form,
                          "translations": dict(e.translations)} for e in self.examples],
            "items": list(self.item_ids),
        }


# --- loading -----------------------------------------------------------------------------------


_POINT_FIELDS = ("id", "pattern", "meaning", "formation", "register", "notes", "mistakes", "examples",
                 "items")
_KNOWN_POINT_FIELDS = {*_POINT_FIELDS, "related"}
_ITEM_TYPES = {"grammar_form": ItemType.GRAMMAR_FORM, "sentence_composition": ItemType.SENTENCE_COMPOSITION}


def _translations(value, what: str) -> Translations:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"{what} must be an object of language → text, not {type(value).__name__}")
    return dict(value)


def _strings(value, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} must be a list of strings")
    return tuple(value)


def _item(data: dict, item_id: str, level: str, item_type: ItemType, source: str, licence: str,
          point_id: str | None, stimulus: str | None = None) -> Item:
    if not isinstance(data, dict):
        raise ValueError(f"item {item_id} must be an object")
    explanation = _translations(data.get("explanation"), f"item {item_id}: explanation")
    # Hosts show a translation as it is: no furigana markup in them, only in the Japanese fields.
    translations = {code: plain(text) for code, text in explanation.items()}
    if "answer" not in data or "prompt" not in data or "choices" not in data:
        raise ValueError(f"item {item_id}: needs prompt, choices and answer")
    return Item(
        id=item_id, level=Level(level), skill=Skill.GRAMMAR, type=item_type,
        prompt=data["prompt"], choices=_strings(data["choices"], f"item {item_id}: choices"),
        answer=int(data["answer"]), explanation=explanation.get("en", ""),
        instruction=dict(data.get("instruction") or default_instruction(item_type)),
        source=data.get("source", source), licence=data.get("licence", licence),
        tags=_strings(data.get("tags", []), f"item {item_id}: tags"),
        explanation_translations=translations, stimulus=stimulus, grammar_point=point_id,
    )


def _point(data: dict, level: str, rel: str, source: str, licence: str) -> tuple[GrammarPoint, list[Item]]:
    if not isinstance(data, dict):
        raise ValueError("a point must be an object")
    missing = [k for k in _POINT_FIELDS if k not in data]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    point_id = data["id"]
    if not isinstance(point_id, str) or not _POINT_ID.fullmatch(point_id):
        raise ValueError(f"the ID {point_id!r} is not <level>-<romaji-slug> (lower case, hyphens)")
    if not point_id.startswith(level.lower() + "-"):
        raise ValueError(f"the ID {point_id!r} does not start with {level.lower()}- (the file's level)")
    if data["register"] not in REGISTERS:
        raise ValueError(f"register {data['register']!r} is not one of {', '.join(REGISTERS)}")
    examples = []
    if not isinstance(data["examples"], list):
        raise ValueError("examples must be a list")
    for n, ex in enumerate(data["examples"], 1):
        if not isinstance(ex, dict) or not all(isinstance(ex.get(k), str) for k in ("ja", "form")):
            raise ValueError(f"example {n} needs ja and form (text)")
        segments(ex["ja"])
        examples.append(Example(ex["ja"], ex["form"], _translations(ex.get("translations"),
                                                                     f"example {n}: translations")))
    if not isinstance(data["items"], list):
        raise ValueError("items must be a list")
    items: list[Item] = []
    numbers = Counter()
    for entry in data["items"]:
        kind = entry.get("type") if isinstance(entry, dict) else None
        if kind not in _ITEM_TYPES:
            raise ValueError(f"item {len(items) + 1}: type must be grammar_form or sentence_composition, "
                             f"not {kind!r}")
        numbers[kind] += 1
        item_id = f"{point_id}-{'f' if kind == 'grammar_form' else 'c'}{numbers[kind]}"
        items.append(_item(entry, item_id, level, _ITEM_TYPES[kind], source, licence, point_id))
    point = GrammarPoint(
        id=point_id, level=level, pattern=data["pattern"],
        meaning=_translations(data["meaning"], "meaning"),
        formation=_strings(data["formation"], "formation"), register=data["register"],
        notes=_translations(data["notes"], "notes"), mistakes=_translations(data["mistakes"], "mistakes"),
        related=_strings(data.get("related", []), "related"), examples=tuple(examples),
        item_ids=tuple(i.id for i in items), file=rel,
        extra={k: v for k, v in data.items() if k not in _KNOWN_POINT_FIELDS},
    )
    return point, items


def _passage(data: dict, level: str, rel: str, source: str, licence: str) -> tuple[Passage, dict, list[Item]]:
    if not isinstance(data, dict):
        raise ValueError("a passage must be an object")
    missing = [k for k in ("id", "title", "text", "items") if not data.get(k)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    passage_id = data["id"]
    if not isinstance(passage_id, str) or not passage_id.startswith(level.lower() + "-"):
        raise ValueError(f"the ID {passage_id!r} does not start with {level.lower()}- (the file's level)")
    segments(data["text"])
    segments(data["title"])
    items = []
    for n, entry in enumerate(data["items"], 1):
        point_id = entry.get("point") if isinstance(entry, dict) else None
        if not point_id:
            raise ValueError(f"item {passage_id}-{n} has no point (the grammar point it tests)")
        items.append(_item(entry, f"{passage_id}-{n}", level, ItemType.TEXT_GRAMMAR, source, licence,
                           point_id, stimulus=passage_id))
    stimulus = {"id": passage_id, "kind": "passage", "title": data["title"], "text": data["text"]}
    return (Passage(passage_id, level, data["title"], data["text"], tuple(i.id for i in items), rel),
            stimulus, items)


@dataclass
class Grammar:
    """Every loaded point, passage and item, in file order, with lookups; build it with :func:`load`."""

    points_by_id: dict[str, GrammarPoint] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    stimuli: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # records that could not be loaded (collect mode)
    files: int = 0

    # -- the hosts' API --

    def points(self, level: str | None = None) -> list[GrammarPoint]:
        """A level's points (all levels for None), in file order."""
        return [p for p in self.points_by_id.values() if level is None or p.level == level.upper()]

    def point(self, point_id: str) -> GrammarPoint:
        try:
            return self.points_by_id[point_id]
        except KeyError:
            raise ItemError(f"no grammar point {point_id!r}") from None

    def search(self, level: str | None, text: str) -> list[GrammarPoint]:
        """Points whose pattern, romaji slug or meaning (any language) contains ``text``.

        Case and spaces, hyphens and 〜 are ignored; pattern matches come first, then slug, then meaning.
        """
        needle = _fold(text)
        if not needle:
            return self.points(level)
        ranked = []
        for n, p in enumerate(self.points(level)):
            if needle in _fold(plain(p.pattern)):
                rank = 0
            elif needle in _fold(p.slug) or needle in _fold(p.id):
                rank = 1
            elif any(needle in _fold(m) for m in p.meaning.values()):
                rank = 2
            else:
                continue
            ranked.append((rank, n, p))
        return [p for _, _, p in sorted(ranked, key=lambda r: r[:2])]

    def items_for(self, point_ids) -> list[Item]:
        """The bank items of these points (their own and passage items testing them), point by point."""
        wanted = list(dict.fromkeys(point_ids))
        unknown = [p for p in wanted if p not in self.points_by_id]
        if unknown:
            raise ItemError(f"no grammar point {', '.join(map(repr, unknown))}")
        by_point: dict[str, list[Item]] = {}
        for item in self.items:
            by_point.setdefault(item.grammar_point, []).append(item)
        return [item for p in wanted for item in by_point.get(p, [])]


def _fold(text: str) -> str:
    return re.sub(r"[\s\-〜~・_]", "", text).casefold()


def level_dirs(grammar_dir: Path = GRAMMAR_DIR) -> list[tuple[str, Path]]:
    root = Path(grammar_dir)
    return [(level, root / level.lower()) for level in LEVELS if (root / level.lower()).is_dir()]


def grammar_files(grammar_dir: Path = GRAMMAR_DIR) -> list[tuple[str, Path]]:
    """(level, file) for every grammar file, level by level, files in name order."""
    return [(level, path) for level, folder in level_dirs(grammar_dir)
            for path in sorted(folder.glob("*.json"))]


def load(grammar_dir: Path = GRAMMAR_DIR, collect: bool = False) -> Grammar:
    """Load every grammar file. A broken record raises :class:`ItemError` naming file, point and reason;
    with ``collect=True`` it is skipped and its message kept in ``Grammar.problems`` instead."""
    grammar = Grammar()
    root = Path(grammar_dir)
    seen: dict[str, str] = {}

    def fail(message: str) -> None:
        if not collect:
            raise ItemError(message)
        grammar.problems.append(message)

    def claim(ident: str, rel: str, what: str) -> bool:
        if ident in seen:
            fail(f"{rel}: {what} {ident}: the ID is already used in {seen[ident]}")
            return False
        seen[ident] = rel
        return True

    for level, path in grammar_files(root):
        grammar.files += 1
        rel = path.relative_to(root).as_posix()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("points", []), list) \
                    or not isinstance(data.get("passages", []), list):
                raise ValueError("a grammar file is an object with lists points and passages")
            if data.get("level") != level:
                raise ValueError(f"level is {data.get('level')!r} but the file is in the {level} folder")
            source = data.get("source") or ""
            licence = data.get("licence") or ""
            if not source or not licence:
                raise ValueError("source and licence are required")
        except (OSError, ValueError) as exc:
            fail(f"{rel}: {exc}")
            continue
        for n, entry in enumerate(data.get("points", []), 1):
            name = entry.get("id", f"#{n}") if isinstance(entry, dict) else f"#{n}"
            try:
                point, items = _point(entry, level, rel, source, licence)
            except (ItemError, FuriganaError, ValueError, TypeError, AttributeError) as exc:
                fail(f"{rel}: point {name}: {_reason(exc)}")
                continue
            if not claim(point.id, rel, "point") or not all(claim(i.id, rel, "item") for i in items):
                continue
            grammar.points_by_id[point.id] = point
            grammar.items.extend(items)
        for n, entry in enumerate(data.get("passages", []), 1):
            name = entry.get("id", f"#{n}") if isinstance(entry, dict) else f"#{n}"
            try:
                passage, stimulus, items = _passage(entry, level, rel, source, licence)
            except (ItemError, FuriganaError, ValueError, TypeError, AttributeError) as exc:
                fail(f"{rel}: passage {name}: {_reason(exc)}")
                continue
            if not claim(passage.id, rel, "passage") or not all(claim(i.id, rel, "item") for i in items):
                continue
            grammar.passages[passage.id] = passage
            grammar.stimuli[passage.id] = stimulus
            grammar.items.extend(items)
    orphans = [i for i in grammar.items if i.grammar_point not in grammar.points_by_id]
    for item in orphans:
        where = grammar.passages[item.stimulus].file if item.stimulus else "?"
        fail(f"{where}: item {item.id}: its point {item.grammar_point!r} is not a grammar point")
    if orphans:
        grammar.items = [i for i in grammar.items if i not in orphans]
    return grammar


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"


@lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    """Every shipped grammar file, loaded once per process (the bank loads it too)."""
    return load(GRAMMAR_DIR)


def points(level: str | None = None) -> list[GrammarPoint]:
    """A level's grammar points (``"N5"`` …), in the order of the content files."""
    return default_grammar().points(level)


def point(point_id: str) -> GrammarPoint:
    """One point by ID; :class:`ItemError` if there is none."""
    return default_grammar().point(point_id)


def search(level: str | None, text: str) -> list[GrammarPoint]:
    """A level's points matching ``text`` in the pattern, the romaji slug or a meaning (any language)."""
    return default_grammar().search(level, text)


def items_for(point_ids) -> list[Item]:
    """The bank items that test these points (for a drill set to a few points)."""
    return default_grammar().items_for(point_ids)


# --- the content rules (``nihongo content check``) -------------------------------------------------


def _short(kinds: Counter) -> bool:
    """Fewer than 3 grammar_form or 1 sentence_composition items."""
    return (kinds[ItemType.GRAMMAR_FORM] < MIN_GRAMMAR_FORM
            or kinds[ItemType.SENTENCE_COMPOSITION] < MIN_COMPOSITION)


def star_position(prompt: str) -> int | None:
    """1–4: where ★ stands among the four slots of a sentence_composition prompt; None if malformed."""
    slots = _SLOTS.findall(prompt)
    if len(slots) != 4 or slots.count(STAR) != 1:
        return None
    return slots.index(STAR) + 1


def _language_problems(texts: dict, what: str) -> list[str]:
    found = []
    missing = [code for code in TRANSLATION_LANGUAGES if not str(texts.get(code, "")).strip()]
    if missing:
        found.append(f"{what} lacks {', '.join(missing)}")
    english = texts.get("en", "").strip()
    copies = [code for code in TRANSLATION_LANGUAGES[1:]
              if len(english) > 20 and texts.get(code, "").strip() == english]
    if copies:
        found.append(f"{what} in {', '.join(copies)} is a copy of the English")
    if texts.get("my") and not _MYANMAR.search(texts["my"]):
        found.append(f"{what} in my is not in Myanmar script")
    return found


def _item_problems(item: Item) -> list[str]:
    found = _language_problems(item.explanation_translations, "explanation")
    text = plain(item.prompt)
    blanks = text.count(GRAMMAR_FORM_BLANK)
    if item.type is ItemType.GRAMMAR_FORM and blanks != 1:
        found.append(f"the prompt needs exactly one {GRAMMAR_FORM_BLANK}, it has {blanks}")
    if item.type is ItemType.SENTENCE_COMPOSITION and star_position(text) is None:
        found.append(f"the prompt needs four slots, three {SLOT} and one {STAR} (like ＿＿ ＿＿ ★ ＿＿)")
    return [f"item {item.id}: {p}" for p in found]


def check(grammar: Grammar) -> list[str]:
    """Every content rule broken in ``grammar``, as ``file: point/item: reason`` lines."""
    problems: list[str] = []
    items = {i.id: i for i in grammar.items}
    known = set(grammar.points_by_id)
    for p in grammar.points_by_id.values():
        where = f"{p.file}: point {p.id}"
        for field_name in ("meaning", "notes", "mistakes"):
            problems += [f"{where}: {x}" for x in _language_problems(getattr(p, field_name), field_name)]
        if not p.pattern.strip():
            problems.append(f"{where}: no pattern")
        if not p.formation:
            problems.append(f"{where}: no formation")
        if len(p.examples) < MIN_EXAMPLES:
            problems.append(f"{where}: {len(p.examples)} examples, at least {MIN_EXAMPLES} are needed")
        for n, ex in enumerate(p.examples, 1):
            problems += [f"{where}: example {n}: {x}"
                         for x in _language_problems(ex.translations, "translations")]
            if not ex.form or plain(ex.form) not in ex.plain:
                problems.append(f"{where}: example {n}: the form {ex.form!r} does not occur in {ex.plain!r}")
        for other in p.related:
            if other not in known:
                problems.append(f"{where}: related {other!r} is not a grammar point")
            elif other == p.id:
                problems.append(f"{where}: related names the point itself")
        kinds = Counter(items[i].type for i in p.item_ids)
        if _short(kinds):
            problems.append(f"{where}: {kinds[ItemType.GRAMMAR_FORM]} grammar_form and "
                            f"{kinds[ItemType.SENTENCE_COMPOSITION]} sentence_composition items; at least "
                            f"{MIN_GRAMMAR_FORM} and {MIN_COMPOSITION} are needed")
        problems += [f"{p.file}: {x}" for i in p.item_ids for x in _item_problems(items[i])]
    for passage in grammar.passages.values():
        where = f"{passage.file}: passage {passage.id}"
        marks = [int(m.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
                 for m in _BLANK_MARK.findall(plain(passage.text))]
        count = len(passage.item_ids)
        if not PASSAGE_BLANKS[0] <= count <= PASSAGE_BLANKS[1]:
            problems.append(f"{where}: {count} blanks; a passage has {PASSAGE_BLANKS[0]}–{PASSAGE_BLANKS[1]}")
        if marks != list(range(1, count + 1)):
            problems.append(f"{where}: the text's blanks {marks} do not match its {count} items ［１］…")
        for n, item_id in enumerate(passage.item_ids, 1):
            item = items[item_id]
            if f"［{n}］" not in plain(item.prompt) and f"［{chr(0xFF10 + n)}］" not in plain(item.prompt):
                problems.append(f"{where}: item {item_id}: the prompt does not name its blank ［{n}］")
            problems += [f"{passage.file}: {x}" for x in _item_problems(item)]
    for file, positions in key_positions(grammar).items():
        total = sum(positions.values())
        slot, most = positions.most_common(1)[0] if positions else (0, 0)
        if total >= 8 and most > KEY_SHARE * total:
            problems.append(f"{file}: the answer is choice {slot + 1} in {most} of its {total} grammar_form "
                            f"and text_grammar items; spread the keys over the choices (a learner would "
                            f"guess by position)")
    for level, positions in star_positions(grammar).items():
        total = sum(positions.values())
        if total >= 4 and len(positions) == 1:
            problems.append(f"{level}: ★ is always in position {next(iter(positions))} of the "
                            f"{total} sentence_composition items; vary it over 1–4")
    return problems


#: The most a grammar file's keys may sit in one choice position (grammar_form and text_grammar items).
KEY_SHARE = 0.5


def key_positions(grammar: Grammar) -> dict[str, Counter]:
    """Per grammar file: how many grammar_form and text_grammar items have their key in choice 0, 1, 2, 3."""
    files = {i: p.file for p in grammar.points_by_id.values() for i in p.item_ids}
    files.update({i: p.file for p in grammar.passages.values() for i in p.item_ids})
    found: dict[str, Counter] = {}
    for item in grammar.items:
        if item.type in (ItemType.GRAMMAR_FORM, ItemType.TEXT_GRAMMAR) and item.id in files:
            found.setdefault(files[item.id], Counter())[item.answer] += 1
    return found


def star_positions(grammar: Grammar) -> dict[str, Counter]:
    """Per level: how many sentence_composition items put ★ in slot 1, 2, 3, 4."""
    found: dict[str, Counter] = {}
    for item in grammar.items:
        if item.type is ItemType.SENTENCE_COMPOSITION:
            position = star_position(plain(item.prompt))
            if position:
                found.setdefault(item.level.value, Counter())[position] += 1
    return found


def _languages_complete(grammar: Grammar, level: str) -> bool:
    for p in grammar.points(level):
        texts = [p.meaning, p.notes, p.mistakes, *(e.translations for e in p.examples)]
        if any(_language_problems(t, "") for t in texts):
            return False
    return not any(_language_problems(i.explanation_translations, "")
                   for i in grammar.items if i.level.value == level)


def summary(grammar: Grammar) -> dict[str, dict]:
    """Per level: points, items by type, points short of 3+1 items, passages, ★ positions, languages."""
    out = {}
    stars = star_positions(grammar)
    for level in LEVELS:
        level_points = grammar.points(level)
        level_items = [i for i in grammar.items if i.level.value == level]
        if not level_points and not level_items:
            continue
        kinds: dict[str, Counter] = {p.id: Counter() for p in level_points}
        for item in level_items:
            if not item.stimulus and item.grammar_point in kinds:
                kinds[item.grammar_point][item.type] += 1
        short = sum(1 for k in kinds.values() if _short(k))
        own = sum(sum(k.values()) for k in kinds.values())
        out[level] = {
            "points": len(level_points),
            "target": TARGET_POINTS[level],
            "items": dict(sorted(Counter(i.type.value for i in level_items).items())),
            "items_per_point": round(own / len(level_points), 1) if level_points else 0,
            "points_short_of_items": short,
            "passages": sum(1 for p in grammar.passages.values() if p.level == level),
            "star_positions": [stars.get(level, Counter())[n] for n in (1, 2, 3, 4)],
            "languages_complete": _languages_complete(grammar, level),
        }
    return out


def format_summary(levels: dict[str, dict]) -> str:
    lines = []
    for level, s in levels.items():
        mark = "" if s["points"] >= s["target"] else f" (target {s['target']})"
        items = ", ".join(f"{t} {n}" for t, n in s["items"].items())
        lines.append(f"grammar {level}: {s['points']} points{mark}, {s['passages']} passages "
                     f"(need {MIN_PASSAGES}); items: {items}; {s['items_per_point']} per point, "
                     f"{s['points_short_of_items']} points short of {MIN_GRAMMAR_FORM}+{MIN_COMPOSITION}; "
                     f"★ in slots 1-4: {'/'.join(map(str, s['star_positions']))}; "
                     f"languages complete {'yes' if s['languages_complete'] else 'no'}")
    return "\n".join(lines)
