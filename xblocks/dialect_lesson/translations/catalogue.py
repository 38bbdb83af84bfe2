"""The dialect lesson's UI strings in ja, vi, id, tl and my: the source of the gettext catalogues here.

``python -m xblocks.dialect_lesson.translations.catalogue`` writes ``<lang>/LC_MESSAGES/text.po`` and
``text.mo`` (the layout and domain Open edX loads from an XBlock package; the LTI tool reads the same
files). A test fails when a string of ``block.TEXT`` lacks a translation or a ``.mo`` is stale.
"""

from __future__ import annotations

from pathlib import Path

from xblocks.common import catalogue as common

HERE = Path(__file__).resolve().parent
LANGUAGES = common.LANGUAGES


def _t(ja: str, vi: str, id: str, tl: str, my: str) -> dict[str, str]:  # noqa: A002 (a language code)
    return {"ja": ja, "vi": vi, "id": id, "tl": tl, "my": my}


TRANSLATIONS: dict[str, dict[str, str]] = {
    # The runtime's language, read through its i18n service: each catalogue answers with its own code.
    "nihongo:language-code": _t("ja", "vi", "id", "tl", "my"),  # xblocks/common/language.PROBE
    "Kagoshima dialect lesson": _t("鹿児島弁の レッスン", "Bài học tiếng địa phương Kagoshima",
                                   "Pelajaran dialek Kagoshima", "Aralin sa diyalekto ng Kagoshima",
                                   "ကာဂိုရှိမာ ဒေသိယစကား သင်ခန်းစာ"),
    "What does this mean?": _t("どういう いみですか。", "Câu này nghĩa là gì?", "Apa artinya?",
                               "Ano ang ibig sabihin nito?", "ဒါ ဘာကိုဆိုလိုတာလဲ။"),
    "What does your supervisor want you to do?": _t(
        "上の人は あなたに なにを してほしいですか。", "Cấp trên muốn bạn làm gì?",
        "Atasan Anda ingin Anda melakukan apa?", "Ano ang gustong ipagawa sa iyo ng superbisor mo?",
        "သင့်အထက်လူကြီးက သင့်ကို ဘာလုပ်စေချင်တာလဲ။"),
    "Choose the standard Japanese.": _t("ひょうじゅんごを えらんでください。", "Chọn tiếng Nhật chuẩn.",
                                        "Pilih bahasa Jepang standar.", "Piliin ang karaniwang Japanese.",
                                        "စံဂျပန်စကားကို ရွေးပါ။"),
    "Choose the Kagoshima form.": _t("鹿児島弁を えらんでください。", "Chọn cách nói Kagoshima.",
                                     "Pilih bentuk dialek Kagoshima.", "Piliin ang anyo sa Kagoshima.",
                                     "ကာဂိုရှိမာ ပုံစံကို ရွေးပါ။"),
    "Quick! You hear this at work. What do you do?": _t(
        "いそいで! しごと中に これが きこえました。どうしますか。",
        "Nhanh lên! Bạn nghe câu này khi làm việc. Bạn làm gì?",
        "Cepat! Anda mendengar ini saat bekerja. Apa yang Anda lakukan?",
        "Bilis! Narinig mo ito sa trabaho. Ano ang gagawin mo?",
        "မြန်မြန်! အလုပ်မှာ ဒါကို ကြားရတယ်။ ဘာလုပ်မလဲ။"),
    "Listen. What does it mean?": _t("きいてください。どういう いみですか。", "Hãy nghe. Câu đó nghĩa là gì?",
                                     "Dengarkan. Apa artinya?", "Makinig. Ano ang ibig sabihin?",
                                     "နားထောင်ပါ။ ဘာကိုဆိုလိုတာလဲ။"),
    "Correct!": _t("せいかい!", "Đúng rồi!", "Benar!", "Tama!", "မှန်ပါတယ်!"),
    "Not quite": _t("ざんねん", "Chưa đúng", "Belum tepat", "Hindi pa tama", "မမှန်သေးပါ"),
    "Next": _t("つぎへ", "Tiếp theo", "Berikutnya", "Susunod", "နောက်တစ်ခု"),
    "Practice again": _t("もういちど れんしゅうする", "Luyện lại", "Latihan lagi", "Magsanay ulit",
                         "ထပ်လေ့ကျင့်မယ်"),
    "Practice-only exercises not counted: {n}": _t(
        "てんすうに ならない れんしゅうもんだい: {n}", "Bài chỉ để luyện tập, không tính điểm: {n}",
        "Latihan yang tidak dinilai: {n}", "Mga pagsasanay na hindi binibilang: {n}",
        "အမှတ်မတွက်သော လေ့ကျင့်ခန်း: {n}"),
    "{n} / {total}": _t("{n} / {total}", "{n} / {total}", "{n} / {total}", "{n} / {total}", "{n} / {total}"),
    "Exercise {n} of {total}": _t("{total}もんのうち {n}もんめ", "Bài {n} trên {total}",
                                  "Latihan {n} dari {total}", "Pagsasanay {n} sa {total}",
                                  "လေ့ကျင့်ခန်း {total} ခုအနက် {n} ခုမြောက်"),
    "Lesson complete!": _t("レッスン おわり!", "Hoàn thành bài học!", "Pelajaran selesai!",
                           "Tapos na ang aralin!", "သင်ခန်းစာ ပြီးပါပြီ!"),
    "Your score: {correct} / {total}": _t(
        "てんすう: {correct} / {total}", "Điểm của bạn: {correct} / {total}",
        "Skor Anda: {correct} / {total}", "Iyong iskor: {correct} / {total}", "သင့်ရမှတ်: {correct} / {total}"),
    "Best round: {best} / {total}": _t("いちばん よかった かい: {best} / {total}",
                                       "Lượt tốt nhất: {best} / {total}",
                                       "Putaran terbaik: {best} / {total}",
                                       "Pinakamahusay na round: {best} / {total}",
                                       "အကောင်းဆုံးအကြိမ်: {best} / {total}"),
    "This lesson is practice only: nothing in it is scored.": _t(
        "この レッスンは れんしゅうだけです。てんすうは つきません。",
        "Bài này chỉ để luyện tập: không có phần nào được chấm điểm.",
        "Pelajaran ini hanya untuk latihan: tidak ada yang dinilai.",
        "Pang-praktis lang ang araling ito: walang binibigyan ng iskor.",
        "ဒီသင်ခန်းစာက လေ့ကျင့်ဖို့သာ ဖြစ်ပါတယ်။ အမှတ် မပေးပါ။"),
    "Practice only, not scored: the sources are few or disagree. Check with a local colleague.": _t(
        "れんしゅうだけで、てんすうに なりません。しりょうが すくないか、いけんが ちがいます。"
        "じもとの 人に きいてみましょう。",
        "Chỉ để luyện tập, không tính điểm: nguồn ít hoặc không thống nhất. Hãy hỏi lại đồng nghiệp "
        "người địa phương.",
        "Hanya latihan, tidak dinilai: sumbernya sedikit atau tidak sepakat. Tanyakan kepada rekan kerja "
        "orang lokal.",
        "Pang-praktis lang, walang iskor: kaunti o hindi nagkakasundo ang mga sanggunian. Magtanong sa "
        "lokal na katrabaho.",
        "လေ့ကျင့်ဖို့သာ၊ အမှတ်မပေးပါ။ ရင်းမြစ် နည်းတယ် ဒါမှမဟုတ် မတူကြဘူး။ ဒေသခံ "
        "လုပ်ဖော်ကိုင်ဖက်ကို မေးကြည့်ပါ။"),
    "For recognition only: you may hear it on TV, but people here do not really say it. Do not use it.": _t(
        "きいて わかれば いい ことばです。テレビでは きこえますが、じっさいには あまり つかいません。"
        "つかわないでください。",
        "Chỉ cần nhận biết: bạn có thể nghe trên TV, nhưng người ở đây thực tế không nói vậy. Đừng dùng.",
        "Cukup dikenali: mungkin terdengar di TV, tetapi orang di sini sebenarnya tidak memakainya. "
        "Jangan dipakai.",
        "Para makilala lang: baka marinig mo sa TV, pero hindi talaga ito sinasabi ng mga tao rito. "
        "Huwag itong gamitin.",
        "သိထားရုံသာ: တီဗီမှာ ကြားရနိုင်ပေမဲ့ ဒီကလူတွေ တကယ်တမ်း မပြောကြပါဘူး။ မသုံးပါနဲ့။"),
    "Listen": _t("きく", "Nghe", "Dengar", "Makinig", "နားထောင်ရန်"),
    "Synthetic voice — standard accent, not Kagoshima's": _t(
        "ごうせい音声です。ひょうじゅんごの アクセントで、鹿児島の アクセントでは ありません。",
        "Giọng tổng hợp — giọng chuẩn, không phải giọng Kagoshima",
        "Suara sintetis — aksen standar, bukan aksen Kagoshima",
        "Sintetikong boses — karaniwang punto, hindi ang sa Kagoshima",
        "စက်အသံ — စံလေယူလေသိမ်း၊ ကာဂိုရှိမာ လေယူလေသိမ်း မဟုတ်ပါ"),
    "Show the script": _t("スクリプトを 見る", "Xem lời thoại", "Lihat naskah", "Ipakita ang script",
                          "စာသားကို ပြပါ"),
    "Script": _t("スクリプト", "Lời thoại", "Naskah", "Script", "စာသား"),
    "Language": _t("ことば", "Ngôn ngữ", "Bahasa", "Wika", "ဘာသာစကား"),
    "Choices": _t("せんたくし", "Các lựa chọn", "Pilihan", "Mga pagpipilian", "ရွေးချယ်စရာများ"),
    "Examples": _t("れい", "Ví dụ", "Contoh", "Mga halimbawa", "ဥပမာများ"),
    "Standard Japanese": _t("ひょうじゅんご", "Tiếng Nhật chuẩn", "Bahasa Jepang standar",
                            "Karaniwang Japanese", "စံဂျပန်စကား"),
    "Kagoshima": _t("鹿児島弁", "Kagoshima", "Kagoshima", "Kagoshima", "ကာဂိုရှိမာ"),
    "Sources": _t("しゅってん", "Nguồn", "Sumber", "Mga sanggunian", "ရင်းမြစ်များ"),
    "In standard Japanese": _t("ひょうじゅんごで", "Trong tiếng Nhật chuẩn", "Dalam bahasa Jepang standar",
                               "Sa karaniwang Japanese", "စံဂျပန်စကားဖြင့်"),
    "There are no exercises in this lesson yet.": _t(
        "この レッスンには まだ もんだいが ありません。", "Bài học này chưa có bài tập.",
        "Pelajaran ini belum punya latihan.", "Wala pang pagsasanay sa araling ito.",
        "ဒီသင်ခန်းစာမှာ လေ့ကျင့်ခန်း မရှိသေးပါ။"),
    "Something went wrong. Please try again.": _t(
        "うまく いきませんでした。もういちど ためしてください。", "Đã xảy ra lỗi. Vui lòng thử lại.",
        "Terjadi kesalahan. Silakan coba lagi.", "May nangyaring mali. Pakisubukan ulit.",
        "တစ်ခုခု မှားသွားပါတယ်။ ထပ်ကြိုးစားကြည့်ပါ။"),
}


def write(root: Path = HERE) -> list[Path]:
    """Write every language's .po and .mo; returns the files written."""
    return common.write(TRANSLATIONS, root)


if __name__ == "__main__":
    for path in write():
        print(path)
