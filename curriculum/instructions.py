"""The instruction each question type shows, in ja and the five help languages.

An item may carry its own ``instruction``; otherwise its type's instruction here is used.
"""

from __future__ import annotations

from .item_types import ItemType

INSTRUCTIONS: dict[ItemType, dict[str, str]] = {
    ItemType.MEANING_TO_WORD: {
        "ja": "この意味のことばをえらんでください。",
        "en": "Choose the Japanese word with this meaning.",
        "vi": "Hãy chọn từ tiếng Nhật có nghĩa này.",
        "id": "Pilih kata bahasa Jepang yang memiliki arti ini.",
        "tl": "Piliin ang salitang Hapon na may ganitong kahulugan.",
        "my": "ဤအဓိပ္ပာယ်ရှိသော ဂျပန်စကားလုံးကို ရွေးပါ။",
    },
}


def default_instruction(item_type: ItemType) -> dict[str, str]:
    return dict(INSTRUCTIONS.get(item_type, {}))
