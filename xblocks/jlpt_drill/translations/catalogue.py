"""The drill's UI strings in ja, vi, id, tl and my: the source of the gettext catalogues beside this file.

``python -m xblocks.jlpt_drill.translations.catalogue`` writes ``<lang>/LC_MESSAGES/text.po`` and
``text.mo`` (the layout and domain Open edX loads from an XBlock package; the LTI tool reads the same
files). A test fails when a string of ``block.TEXT`` lacks a translation or a ``.mo`` is stale.
"""

from __future__ import annotations

from pathlib import Path

from xblocks.common import catalogue as common
from xblocks.common import language
from xblocks.common.catalogue import LANGUAGES  # noqa: F401  (the tests read it here)

HERE = Path(__file__).resolve().parent
DOMAIN = "text"

TRANSLATIONS: dict[str, dict[str, str]] = {
    "Correct!": {"ja": "せいかい！", "vi": "Đúng rồi!", "id": "Benar!", "tl": "Tama!", "my": "မှန်ပါတယ်!"},
    "Not quite": {"ja": "ざんねん", "vi": "Chưa đúng", "id": "Belum tepat", "tl": "Hindi pa tama",
                  "my": "မမှန်သေးပါ"},
    "Next": {"ja": "つぎへ", "vi": "Tiếp theo", "id": "Berikutnya", "tl": "Susunod", "my": "နောက်တစ်ခု"},
    "Practice again": {"ja": "もういちど れんしゅうする", "vi": "Luyện lại", "id": "Latihan lagi",
                       "tl": "Magsanay ulit", "my": "ထပ်လေ့ကျင့်မယ်"},
    "{n} / {total}": {"ja": "{n} / {total}", "vi": "{n} / {total}", "id": "{n} / {total}",
                      "tl": "{n} / {total}", "my": "{n} / {total}"},
    "Question {n} of {total}": {"ja": "{total}もんのうち {n}もんめ", "vi": "Câu {n} trên {total}",
                                "id": "Soal {n} dari {total}", "tl": "Tanong {n} sa {total}",
                                "my": "မေးခွန်း {total} ခုအနက် {n} ခုမြောက်"},
    "Days studied this week: {days}": {"ja": "こんしゅう べんきょうした日: {days}",
                                       "vi": "Số ngày đã học tuần này: {days}",
                                       "id": "Hari belajar minggu ini: {days}",
                                       "tl": "Mga araw na nag-aral ngayong linggo: {days}",
                                       "my": "ဒီအပတ် စာလေ့လာခဲ့တဲ့ ရက်: {days}"},
    "Round complete!": {"ja": "おわりました！", "vi": "Hoàn thành lượt!", "id": "Putaran selesai!",
                        "tl": "Tapos na ang round!", "my": "ဒီအကြိမ် ပြီးပါပြီ!"},
    "Your score: {correct} / {total}": {"ja": "てんすう: {correct} / {total}",
                                        "vi": "Điểm của bạn: {correct} / {total}",
                                        "id": "Skor Anda: {correct} / {total}",
                                        "tl": "Iyong iskor: {correct} / {total}",
                                        "my": "သင့်ရမှတ်: {correct} / {total}"},
    "Best round: {best} / {total}": {"ja": "いちばん よかった かい: {best} / {total}",
                                     "vi": "Lượt tốt nhất: {best} / {total}",
                                     "id": "Putaran terbaik: {best} / {total}",
                                     "tl": "Pinakamahusay na round: {best} / {total}",
                                     "my": "အကောင်းဆုံးအကြိမ်: {best} / {total}"},
    "There are no questions for this level yet.": {
        "ja": "このレベルの もんだいは まだ ありません。",
        "vi": "Cấp độ này chưa có câu hỏi.",
        "id": "Belum ada soal untuk level ini.",
        "tl": "Wala pang tanong para sa level na ito.",
        "my": "ဒီအဆင့်အတွက် မေးခွန်း မရှိသေးပါ။"},
    "Something went wrong. Please try again.": {
        "ja": "うまく いきませんでした。もういちど ためしてください。",
        "vi": "Đã xảy ra lỗi. Vui lòng thử lại.",
        "id": "Terjadi kesalahan. Silakan coba lagi.",
        "tl": "May nangyaring mali. Pakisubukan ulit.",
        "my": "တစ်ခုခု မှားသွားပါတယ်။ ထပ်ကြိုးစားကြည့်ပါ။"},
    "Choices": {"ja": "せんたくし", "vi": "Các lựa chọn", "id": "Pilihan", "tl": "Mga pagpipilian",
                "my": "ရွေးချယ်စရာများ"},
    "JLPT vocabulary drill": {"ja": "JLPT ことばの れんしゅう", "vi": "Luyện từ vựng JLPT",
                              "id": "Latihan kosakata JLPT", "tl": "JLPT vocabulary drill",
                              "my": "JLPT ဝေါဟာရ လေ့ကျင့်ခန်း"},
}
TRANSLATIONS.update(language.SWITCH_TRANSLATIONS)  # the runtime's language, the switch's label


def catalog(language: str):
    return common.catalog(TRANSLATIONS, language)


def write(root: Path = HERE) -> list[Path]:
    """Write every language's .po and .mo; returns the files written."""
    return common.write(TRANSLATIONS, root)


if __name__ == "__main__":
    for path in write():
        print(path)
