"""The placement test's UI strings in ja, vi, id, tl and my: the source of the catalogues beside this file.

``python -m xblocks.placement_test.translations.catalogue`` writes ``<lang>/LC_MESSAGES/text.po`` and
``text.mo``. A test fails when a string of ``block.TEXT`` lacks a translation or a ``.mo`` is stale.
"""

from __future__ import annotations

from pathlib import Path

from xblocks.common import catalogue, language

HERE = Path(__file__).resolve().parent

TRANSLATIONS: dict[str, dict[str, str]] = {
    "Answer each question as well as you can. The test adapts to you and stops as soon as it knows your "
    "level (at most {max} questions).": {
        "ja": "できるだけ こたえてください。テストは あなたに あわせて かわり、レベルが わかったら "
              "おわります（いちばん おおくて {max}もん）。",
        "vi": "Hãy trả lời từng câu hết sức mình. Bài kiểm tra tự điều chỉnh theo bạn và dừng lại ngay khi "
              "biết được trình độ của bạn (tối đa {max} câu).",
        "id": "Jawab setiap soal sebaik mungkin. Tes ini menyesuaikan diri dengan Anda dan berhenti begitu "
              "level Anda diketahui (paling banyak {max} soal).",
        "tl": "Sagutin ang bawat tanong sa abot ng iyong makakaya. Umaangkop sa iyo ang pagsusulit at "
              "humihinto ito kapag alam na nito ang iyong level (hanggang {max} tanong).",
        "my": "မေးခွန်းတိုင်းကို တတ်နိုင်သလောက် ဖြေပါ။ စာမေးပွဲက သင့်အလိုက် ပြောင်းလဲပြီး "
              "သင့်အဆင့်ကို သိတာနဲ့ ရပ်ပါမယ် (အများဆုံး မေးခွန်း {max} ခု)။"},
    "Question {n}": {"ja": "{n}もんめ", "vi": "Câu {n}", "id": "Soal {n}", "tl": "Tanong {n}",
                     "my": "မေးခွန်း {n}"},
    "Question {n}, at most {max}": {"ja": "{n}もんめ（いちばん おおくて {max}もん）",
                                    "vi": "Câu {n}, tối đa {max} câu", "id": "Soal {n}, paling banyak {max}",
                                    "tl": "Tanong {n}, hanggang {max}",
                                    "my": "မေးခွန်း {n}၊ အများဆုံး {max} ခု"},
    "Choices": {"ja": "せんたくし", "vi": "Các lựa chọn", "id": "Pilihan", "tl": "Mga pagpipilian",
                "my": "ရွေးချယ်စရာများ"},
    "Placement finished": {"ja": "レベルチェックが おわりました", "vi": "Đã xong bài kiểm tra xếp lớp",
                           "id": "Tes penempatan selesai", "tl": "Tapos na ang placement test",
                           "my": "အဆင့်စစ်စာမေးပွဲ ပြီးပါပြီ"},
    "Your level: {level}": {"ja": "あなたの レベル: {level}", "vi": "Trình độ của bạn: {level}",
                            "id": "Level Anda: {level}", "tl": "Ang iyong level: {level}",
                            "my": "သင့်အဆင့်: {level}"},
    "Below N5": {"ja": "N5の まえ", "vi": "Dưới N5", "id": "Di bawah N5", "tl": "Mas mababa sa N5",
                 "my": "N5 အောက်"},
    "Your plan: {target} by {date}, about {minutes} minutes a week": {
        "ja": "あなたの けいかく: {date}までに {target}、1しゅうかんに やく {minutes}ふん",
        "vi": "Kế hoạch của bạn: đạt {target} trước {date}, khoảng {minutes} phút mỗi tuần",
        "id": "Rencana Anda: {target} sebelum {date}, sekitar {minutes} menit seminggu",
        "tl": "Ang iyong plano: {target} bago ang {date}, mga {minutes} minuto bawat linggo",
        "my": "သင့်အစီအစဉ်: {date} မတိုင်မီ {target}၊ တစ်ပတ်လျှင် မိနစ် {minutes} ခန့်"},
    "Start with: {focus}": {"ja": "まず: {focus}", "vi": "Bắt đầu với: {focus}",
                            "id": "Mulai dengan: {focus}",
                            "tl": "Magsimula sa: {focus}", "my": "ပထမဆုံး: {focus}"},
    "Your week and your plan are on the “My week” page.": {
        "ja": "こんしゅうの ようすと けいかくは「わたしの 1しゅうかん」に あります。",
        "vi": "Tuần học và kế hoạch của bạn có ở trang “Tuần của tôi”.",
        "id": "Minggu dan rencana Anda ada di halaman “Minggu saya”.",
        "tl": "Nasa pahinang “Aking linggo” ang iyong linggo at plano.",
        "my": "သင့်အပတ်နဲ့ အစီအစဉ်ကို “ကျွန်ုပ်၏ အပတ်” စာမျက်နှာမှာ ကြည့်ပါ။"},
    "Something went wrong. Please try again.": {
        "ja": "うまく いきませんでした。もういちど ためしてください。",
        "vi": "Đã xảy ra lỗi. Vui lòng thử lại.", "id": "Terjadi kesalahan. Silakan coba lagi.",
        "tl": "May nangyaring mali. Pakisubukan ulit.", "my": "တစ်ခုခု မှားသွားပါတယ်။ ထပ်ကြိုးစားကြည့်ပါ။"},
    "There are no questions yet.": {"ja": "もんだいは まだ ありません。", "vi": "Chưa có câu hỏi nào.",
                                    "id": "Belum ada soal.", "tl": "Wala pang mga tanong.",
                                    "my": "မေးခွန်း မရှိသေးပါ။"},
    "kanji": {"ja": "かんじ", "vi": "chữ Hán", "id": "kanji", "tl": "kanji", "my": "ခန်းဂျိ"},
    "vocabulary": {"ja": "ことば", "vi": "từ vựng", "id": "kosakata", "tl": "bokabularyo", "my": "ဝေါဟာရ"},
    "grammar": {"ja": "ぶんぽう", "vi": "ngữ pháp", "id": "tata bahasa", "tl": "gramatika", "my": "သဒ္ဒါ"},
    "reading": {"ja": "どっかい", "vi": "đọc hiểu", "id": "membaca", "tl": "pagbasa", "my": "စာဖတ်ခြင်း"},
    "listening": {"ja": "ちょうかい", "vi": "nghe hiểu", "id": "menyimak", "tl": "pakikinig",
                  "my": "နားထောင်ခြင်း"},
    "conversation": {"ja": "かいわ", "vi": "hội thoại", "id": "percakapan", "tl": "pakikipag-usap",
                     "my": "စကားပြော"},
    "Kagoshima dialect": {"ja": "かごしまべん", "vi": "tiếng địa phương Kagoshima", "id": "dialek Kagoshima",
                          "tl": "diyalekto ng Kagoshima", "my": "ကာဂိုရှီးမား ဒေသိယစကား"},
    "a mock test": {"ja": "もぎテスト", "vi": "một bài thi thử", "id": "tes simulasi",
                    "tl": "isang mock test",
                    "my": "စမ်းသပ်စာမေးပွဲ"},
    " and ": {"ja": "と", "vi": " và ", "id": " dan ", "tl": " at ", "my": " နဲ့ "},
    "Placement test": {"ja": "レベルチェック", "vi": "Bài kiểm tra xếp lớp", "id": "Tes penempatan",
                       "tl": "Placement test", "my": "အဆင့်စစ်စာမေးပွဲ"},
}
TRANSLATIONS.update(language.SWITCH_TRANSLATIONS)  # the runtime's language, the switch's label


def write(root: Path = HERE) -> list[Path]:
    """Write every language's .po and .mo; returns the files written."""
    return catalogue.write(TRANSLATIONS, root)


if __name__ == "__main__":
    for path in write():
        print(path)
