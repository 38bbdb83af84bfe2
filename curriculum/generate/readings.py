"""Readings: split a word's reading over its kanji, and make plausible wrong readings and spellings."""

from __future__ import annotations

from functools import cache, lru_cache

from .kanjidic import KanjiEntry, all_kanji
from .text import has_kanji, hira

_VOICE = dict(zip("かきくけこさしすせそたちつてとはひふへほ",
                  "がぎぐげござじずぜぞだぢづでどばびぶべぼ", strict=True))
_VOICE.update({"は": "ば", "ひ": "び", "ふ": "ぶ", "へ": "べ", "ほ": "ぼ"})
_HALF = dict(zip("はひふへほ", "ぱぴぷぺぽ", strict=True))
_UNVOICE = {v: k for k, v in _VOICE.items()} | {v: k for k, v in _HALF.items()}
_SOKUON_END = set("つくちき")
_SOKUON_NEXT = set("かきくけこさしすせそたちつてとぱぴぷぺぽ")
_AFTER_SOKUON = _SOKUON_NEXT | set(_VOICE.values())
_O_ROW = set("おこそとのほもよろごぞどぼぽょ")
_U_ROW = set("うくすつぬふむゆるぐずづぶぷゅ")
_E_ROW = set("えけせてねへめれげぜでべぺ")
_BIG_SMALL = {"ゃ": "や", "ゅ": "ゆ", "ょ": "よ"}
_SMALL_BIG = {v: k for k, v in _BIG_SMALL.items()}
_YA_ROW_BEFORE = set("きしちにひみりぎじびぴ")


def variants(reading: str) -> set[str]:
    """How a kanji reading can sound inside a word: as is, voiced (rendaku), with a small っ."""
    out = {reading}
    if reading and reading[0] in _VOICE:
        out.add(_VOICE[reading[0]] + reading[1:])
    if reading and reading[0] in _HALF:
        out.add(_HALF[reading[0]] + reading[1:])
    if len(reading) > 1 and reading[-1] in _SOKUON_END:
        out |= {v[:-1] + "っ" for v in list(out)}
    return out


def _kanji_options(char: str, previous: str | None) -> set[str]:
    entry = all_kanji().get(char if char != "々" else (previous or ""))
    if entry is None:
        return set()
    found: set[str] = set()
    for r in entry.readings:
        found |= variants(r)
    return found


@cache
def align(word: str, reading: str) -> tuple[tuple[str, str], ...] | None:
    """Split ``reading`` over ``word``: ((kanji or kana run, its reading), ...), or None."""

    def walk(i: int, j: int, previous: str | None) -> list[tuple[str, str]] | None:
        if i == len(word):
            return [] if j == len(reading) else None
        char = word[i]
        if not has_kanji(char):
            if j < len(reading) and hira(char) == reading[j]:
                rest = walk(i + 1, j + 1, previous)
                return None if rest is None else [(char, reading[j])] + rest
            return None
        for option in sorted(_kanji_options(char, previous), key=lambda r: (-len(r), r)):
            if reading.startswith(option, j):
                rest = walk(i + 1, j + len(option), char if char != "々" else previous)
                if rest is not None:
                    return [(char, option)] + rest
        return None

    found = walk(0, 0, None)
    return tuple(found) if found else None


def _perturb(reading: str, mutable: set[int]) -> set[str]:
    """Near misses at the ``mutable`` positions (the kanji's part of the reading, never the okurigana):
    voiced/unvoiced, long/short vowel, small っ, small/big ゃゅょ."""
    out = set()
    for k, c in enumerate(reading):
        if k not in mutable:
            continue
        head, tail = reading[:k], reading[k + 1:]
        if c in _VOICE:
            out.add(head + _VOICE[c] + tail)
        if c in _UNVOICE:
            out.add(head + _UNVOICE[c] + tail)
        if c == "う" and k > 0 and (reading[k - 1] in _O_ROW or reading[k - 1] in _U_ROW):
            out.add(head + tail)  # long → short
        if c == "い" and k > 0 and reading[k - 1] in _E_ROW:
            out.add(head + tail)
        if (c in _O_ROW or c in "ゅ") and k + 1 in mutable and reading[k + 1] not in "うぃぇぉゃゅょっ":
            out.add(head + c + "う" + tail)  # short → long, inside the kanji's reading
        if c == "っ":
            out.add(head + tail)
        if c in _SOKUON_NEXT and k - 1 in mutable and reading[k - 1] not in "っんゃゅょー":
            out.add(head + "っ" + c + tail)
        if c in _BIG_SMALL and k > 0:
            out.add(head + _BIG_SMALL[c] + tail)
        if c in _SMALL_BIG and k > 0 and reading[k - 1] in _YA_ROW_BEFORE:
            out.add(head + _SMALL_BIG[c] + tail)
    out.discard(reading)
    return {r for r in out if r and r[0] not in "っんー"}


def wrong_readings(word: str, reading: str) -> tuple[list[str], list[str]]:
    """(other readings of the word's own kanji put in place, near misses of the right reading).

    Kana written in the word (okurigana, the お of お茶) keep their reading: changing them would give
    the answer away. A kanji followed by okurigana is only given its other kun readings.
    """
    swaps: set[str] = set()
    mutable: set[int] = set()
    parts = align(word, reading)
    if parts:
        offset = 0
        for k, (char, seg) in enumerate(parts):
            if has_kanji(char):
                mutable.update(range(offset, offset + len(seg)))
            entry: KanjiEntry | None = all_kanji().get(char)
            if entry is not None:
                okurigana = k + 1 < len(parts) and not has_kanji(parts[k + 1][0])
                options = entry.kunyomi if okurigana else entry.readings
                for other in options:
                    if other and other != seg and not reading.startswith(other, offset):
                        swap = reading[:offset] + other + reading[offset + len(seg):]
                        if len(swap) <= len(reading) + 3:
                            swaps.add(swap)
            offset += len(seg)
    else:
        head = len(word) - len(word.lstrip("おご"))
        tail = 0
        while tail < len(word) and not has_kanji(word[-1 - tail]):
            tail += 1
        mutable = set(range(head, len(reading) - tail))
    swaps.discard(reading)
    near = _perturb(reading, mutable) - swaps
    return sorted(r for r in swaps if _speakable(r)), sorted(r for r in near if _speakable(r))


def _speakable(reading: str) -> bool:
    """No small っ before a vowel, a nasal or the end (かっり is not Japanese)."""
    return all(k + 1 < len(reading) and reading[k + 1] in _AFTER_SOKUON
               for k, c in enumerate(reading) if c == "っ")


@lru_cache(maxsize=1)
def _kanji_by_sound() -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}
    for char, entry in all_kanji().items():
        for r in entry.readings:
            for v in variants(r):
                found.setdefault(v, set()).add(char)
    return {sound: tuple(sorted(chars)) for sound, chars in found.items()}


def sound_swaps(word: str, reading: str) -> list[str]:
    """The word with one kanji replaced by another kanji read the same way there (会社 → 会写)."""
    parts = align(word, reading)
    if not parts:
        return []
    out = set()
    for k, (char, seg) in enumerate(parts):
        if not has_kanji(char) or char == "々":
            continue
        for other in _kanji_by_sound().get(seg, ()):
            if other != char:
                out.add("".join(c for c, _ in parts[:k]) + other + "".join(c for c, _ in parts[k + 1:]))
    out.discard(word)
    return sorted(out)
