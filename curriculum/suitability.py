"""Is a text fit for a workplace Japanese course? The list and its reasons: ``content/lists/unsuitable.tsv``.

One filter over everything a learner sees: prompts, choices, glosses and explanations (the bank
build drops a generated item that fails it; a test runs it over the whole shipped bank). Besides
violence, sex, suicide, drugs, slurs and insults it checks register: お前, a bare 〜くれ, a
sentence-final 〜ぞ/〜ぜ and the like are Japanese a worker must not copy to a superior.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .furigana import plain
from .items import Item

LIST_PATH = Path(__file__).parent / "content" / "lists" / "unsuitable.tsv"
#: Items that teach rough register (the N4 imperative): the register rules are waived for them, no other.
EXEMPT_PATH = LIST_PATH.with_name("register_exempt.tsv")
KINDS = ("ja", "ja-re", "en")


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: str
    reason: str
    regex: re.Pattern


@dataclass(frozen=True)
class Finding:
    where: str  # prompt, choice, explanation, stimulus …
    text: str
    rule: Rule

    def __str__(self) -> str:
        return f"{self.where}: {self.rule.pattern!r} ({self.rule.reason}) in {self.text[:60]!r}"


def parse_rules(text: str) -> tuple[Rule, ...]:
    """The rules of an ``unsuitable.tsv``; a malformed line fails with its number."""
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in KINDS or not parts[1] or not parts[2].strip():
            raise ValueError(f"unsuitable.tsv line {number}: want kind<TAB>pattern<TAB>reason, "
                             f"kind one of {', '.join(KINDS)}: {line!r}")
        kind, pattern, reason = parts
        if kind == "ja":
            regex = re.compile(re.escape(pattern))
        elif kind == "ja-re":
            regex = re.compile(pattern)
        else:
            regex = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
        rules.append(Rule(kind, pattern, reason.strip(), regex))
    return tuple(rules)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return parse_rules(LIST_PATH.read_text(encoding="utf-8"))


def problems(text: str, where: str = "text") -> list[Finding]:
    """Every rule ``text`` breaks (furigana markup removed first)."""
    shown = plain(text)
    return [Finding(where, shown, r) for r in rules() if r.regex.search(shown)]


@lru_cache(maxsize=65536)
def suitable(text: str) -> bool:
    return not problems(text)


@lru_cache(maxsize=1)
def register_exempt() -> dict[str, str]:
    """item id → why it may show rough register."""
    out = {}
    for line in EXEMPT_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            item_id, why = line.split("\t", 1)
            out[item_id] = why
    return out


def item_problems(item: Item, stimuli: dict[str, dict] | None = None) -> list[Finding]:
    """What is unsuitable anywhere a learner looks in ``item``: prompt(s), choices, explanation(s), passage
    (register is not held against an item listed in ``register_exempt.tsv``)."""
    found = _item_findings(item, stimuli)
    if item.id in register_exempt():
        found = [f for f in found if not f.rule.reason.startswith("register")]
    return found


def _item_findings(item: Item, stimuli: dict[str, dict] | None) -> list[Finding]:
    found = problems(item.prompt, "prompt")
    for language, text in item.prompt_translations.items():
        found += problems(text, f"prompt ({language})")
    for k, choice in enumerate(item.choices):
        found += problems(choice, f"choice {k + 1}")
    found += problems(item.explanation, "explanation")
    for language, text in item.explanation_translations.items():
        found += problems(text, f"explanation ({language})")
    if stimuli and item.stimulus and item.stimulus in stimuli:
        found += problems(stimuli[item.stimulus].get("text", ""), "stimulus")
    return found
