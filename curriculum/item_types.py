"""Every question format the bank knows: the JLPT 大問 used at N5–N2, JFT-Basic's categories, ours.

One row per type: its exam section, skill, how many choices, what it needs beside the prompt
(a reading passage or a listening script) and the levels where the real exam uses it
(docs/architecture.md, Sources: the exams).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ItemType(enum.StrEnum):
    # JLPT 文字・語彙
    KANJI_READING = "kanji_reading"  # 漢字読み
    ORTHOGRAPHY = "orthography"  # 表記
    WORD_FORMATION = "word_formation"  # 語形成
    CONTEXTUAL_MEANING = "contextual_meaning"  # 文脈規定
    PARAPHRASE = "paraphrase"  # 言い換え類義
    USAGE = "usage"  # 用法
    # JLPT 文法
    GRAMMAR_FORM = "grammar_form"  # 文の文法1 (文法形式の判断)
    SENTENCE_COMPOSITION = "sentence_composition"  # 文の文法2 (文の組み立て, ★)
    TEXT_GRAMMAR = "text_grammar"  # 文章の文法
    # JLPT 読解
    COMPREHENSION_SHORT = "comprehension_short"  # 内容理解(短文)
    COMPREHENSION_MID = "comprehension_mid"  # 内容理解(中文)
    COMPREHENSION_LONG = "comprehension_long"  # 内容理解(長文)
    INTEGRATED_READING = "integrated_reading"  # 統合理解 (読解)
    THEMATIC_COMPREHENSION = "thematic_comprehension"  # 主張理解(長文)
    INFORMATION_RETRIEVAL = "information_retrieval"  # 情報検索
    # JLPT 聴解
    TASK_LISTENING = "task_listening"  # 課題理解
    POINT_LISTENING = "point_listening"  # ポイント理解
    SUMMARY_LISTENING = "summary_listening"  # 概要理解
    UTTERANCE_EXPRESSION = "utterance_expression"  # 発話表現
    QUICK_RESPONSE = "quick_response"  # 即時応答
    INTEGRATED_LISTENING = "integrated_listening"  # 統合理解 (聴解)
    # JFT-Basic
    JFT_WORD_MEANING = "jft_word_meaning"  # 語の意味
    JFT_WORD_USAGE = "jft_word_usage"  # 語の用法
    JFT_KANJI_READING = "jft_kanji_reading"  # 漢字の読み
    JFT_KANJI_USAGE = "jft_kanji_usage"  # 漢字の意味と用法
    JFT_GRAMMAR = "jft_grammar"  # 文法
    JFT_EXPRESSION = "jft_expression"  # 表現
    JFT_LISTENING_CONVERSATION = "jft_listening_conversation"  # 会話を聞く
    JFT_LISTENING_PLACES = "jft_listening_places"  # 店や公共の場所で
    JFT_LISTENING_ANNOUNCEMENTS = "jft_listening_announcements"  # アナウンスや指示を聞く
    JFT_READING = "jft_reading"  # 読解: 内容理解
    JFT_INFORMATION_SEARCH = "jft_information_search"  # 情報検索
    # Ours
    MEANING_TO_WORD = "meaning_to_word"  # an English meaning → the Japanese word
    MEANING_TO_KANJI = "meaning_to_kanji"  # an English meaning → the kanji


class Stimulus(enum.StrEnum):
    NONE = "none"
    PASSAGE = "passage"  # read on screen, shared by several questions
    SCRIPT = "script"  # heard (audio), with its written script


@dataclass(frozen=True)
class TypeInfo:
    japanese: str
    section: str
    skill: str
    choices: int
    stimulus: Stimulus
    levels: tuple[str, ...]


JLPT = ("N5", "N4", "N3", "N2")
JFT = ("JFT-A1", "JFT-A2")
_V, _G, _R, _L = "vocabulary", "grammar", "reading", "listening"
_P, _S, _N = Stimulus.PASSAGE, Stimulus.SCRIPT, Stimulus.NONE

TYPES: dict[ItemType, TypeInfo] = {
    ItemType.KANJI_READING: TypeInfo("漢字読み", "文字・語彙", "kanji", 4, _N, JLPT),
    ItemType.ORTHOGRAPHY: TypeInfo("表記", "文字・語彙", "kanji", 4, _N, JLPT),
    ItemType.WORD_FORMATION: TypeInfo("語形成", "文字・語彙", _V, 4, _N, ("N2",)),
    ItemType.CONTEXTUAL_MEANING: TypeInfo("文脈規定", "文字・語彙", _V, 4, _N, JLPT),
    ItemType.PARAPHRASE: TypeInfo("言い換え類義", "文字・語彙", _V, 4, _N, JLPT),
    ItemType.USAGE: TypeInfo("用法", "文字・語彙", _V, 4, _N, ("N4", "N3", "N2")),
    ItemType.GRAMMAR_FORM: TypeInfo("文の文法1（文法形式の判断）", "文法", _G, 4, _N, JLPT),
    ItemType.SENTENCE_COMPOSITION: TypeInfo("文の文法2（文の組み立て）", "文法", _G, 4, _N, JLPT),
    ItemType.TEXT_GRAMMAR: TypeInfo("文章の文法", "文法", _G, 4, _P, JLPT),
    ItemType.COMPREHENSION_SHORT: TypeInfo("内容理解（短文）", "読解", _R, 4, _P, JLPT),
    ItemType.COMPREHENSION_MID: TypeInfo("内容理解（中文）", "読解", _R, 4, _P, JLPT),
    ItemType.COMPREHENSION_LONG: TypeInfo("内容理解（長文）", "読解", _R, 4, _P, ("N3",)),
    ItemType.INTEGRATED_READING: TypeInfo("統合理解", "読解", _R, 4, _P, ("N2",)),
    ItemType.THEMATIC_COMPREHENSION: TypeInfo("主張理解（長文）", "読解", _R, 4, _P, ("N2",)),
    ItemType.INFORMATION_RETRIEVAL: TypeInfo("情報検索", "読解", _R, 4, _P, JLPT),
    ItemType.TASK_LISTENING: TypeInfo("課題理解", "聴解", _L, 4, _S, JLPT),
    ItemType.POINT_LISTENING: TypeInfo("ポイント理解", "聴解", _L, 4, _S, JLPT),
    ItemType.SUMMARY_LISTENING: TypeInfo("概要理解", "聴解", _L, 4, _S, ("N3", "N2")),
    ItemType.UTTERANCE_EXPRESSION: TypeInfo("発話表現", "聴解", _L, 3, _S, ("N5", "N4", "N3")),
    ItemType.QUICK_RESPONSE: TypeInfo("即時応答", "聴解", _L, 3, _S, JLPT),
    ItemType.INTEGRATED_LISTENING: TypeInfo("統合理解", "聴解", _L, 4, _S, ("N2",)),
    ItemType.JFT_WORD_MEANING: TypeInfo("語の意味", "文字と語彙", _V, 4, _N, JFT),
    ItemType.JFT_WORD_USAGE: TypeInfo("語の用法", "文字と語彙", _V, 4, _N, JFT),
    ItemType.JFT_KANJI_READING: TypeInfo("漢字の読み", "文字と語彙", "kanji", 4, _N, JFT),
    ItemType.JFT_KANJI_USAGE: TypeInfo("漢字の意味と用法", "文字と語彙", "kanji", 4, _N, JFT),
    ItemType.JFT_GRAMMAR: TypeInfo("文法", "会話と表現", _G, 4, _N, JFT),
    ItemType.JFT_EXPRESSION: TypeInfo("表現", "会話と表現", "conversation", 4, _N, JFT),
    ItemType.JFT_LISTENING_CONVERSATION: TypeInfo("会話の内容理解", "聴解", _L, 4, _S, JFT),
    ItemType.JFT_LISTENING_PLACES: TypeInfo("店や公共の場所でのやりとり", "聴解", _L, 4, _S, JFT),
    ItemType.JFT_LISTENING_ANNOUNCEMENTS: TypeInfo("アナウンスや指示", "聴解", _L, 4, _S, JFT),
    ItemType.JFT_READING: TypeInfo("内容理解", "読解", _R, 4, _P, JFT),
    ItemType.JFT_INFORMATION_SEARCH: TypeInfo("情報検索", "読解", _R, 4, _P, JFT),
    ItemType.MEANING_TO_WORD: TypeInfo("語の意味（英語から）", "文字・語彙", _V, 4, _N, JLPT + JFT),
    ItemType.MEANING_TO_KANJI: TypeInfo("漢字の意味（英語から）", "文字・語彙", "kanji", 4, _N, JLPT + JFT),
}

#: Our own formats: the question is an English meaning, not Japanese. Drills may train them; the mock tests
#: and the placement test never serve them (a Vietnamese or Burmese worker is not tested on English).
OWN_TYPES = frozenset({ItemType.MEANING_TO_WORD, ItemType.MEANING_TO_KANJI})


def is_exam_format(item_type: ItemType) -> bool:
    """True for the JLPT's and JFT-Basic's own formats, whose questions are in Japanese."""
    return item_type not in OWN_TYPES
