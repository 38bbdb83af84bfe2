"""The mock test's UI strings in ja, vi, id, tl and my: the source of the gettext catalogues beside this file.

``python -m xblocks.mock_test.translations.catalogue`` writes ``<lang>/LC_MESSAGES/text.po`` and
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


def _t(ja: str, vi: str, id: str, tl: str, my: str) -> dict[str, str]:  # noqa: A002 (a language code)
    return {"ja": ja, "vi": vi, "id": id, "tl": tl, "my": my}


TRANSLATIONS: dict[str, dict[str, str]] = {
    "Mock test": _t("模擬試験", "Thi thử", "Tes simulasi", "Pagsasanay na pagsusulit", "စမ်းသပ်စာမေးပွဲ"),
    "{count} questions, {minutes} minutes": _t(
        "{count}問・{minutes}分", "{count} câu hỏi, {minutes} phút", "{count} soal, {minutes} menit",
        "{count} tanong, {minutes} minuto", "မေးခွန်း {count} ခု၊ {minutes} မိနစ်"),
    "The clock runs as in the exam: it keeps running if you leave, and you can come back to this page to "
    "go on. Move freely between the questions, and flag any you want to check.": _t(
        "本番と同じように時間がすすみます。ページをとじても時間は止まりません。このページにもどれば、つづきから"
        "受けられます。問題はじゆうに行き来でき、あとで見なおしたい問題には しるしを つけられます。",
        "Thời gian chạy như trong kỳ thi thật: đồng hồ vẫn chạy nếu bạn rời đi, và bạn có thể quay lại trang "
        "này để làm tiếp. Bạn có thể chuyển tự do giữa các câu hỏi và đánh dấu những câu muốn xem lại.",
        "Waktu berjalan seperti ujian sebenarnya: waktu tetap berjalan jika Anda pergi, dan Anda bisa "
        "kembali ke halaman ini untuk melanjutkan. Anda bebas berpindah antarsoal dan bisa menandai soal "
        "yang ingin diperiksa lagi.",
        "Tumatakbo ang oras gaya ng sa totoong exam: tuloy ang takbo nito kahit umalis ka, at puwede kang "
        "bumalik sa pahinang ito para magpatuloy. Malaya kang lumipat-lipat sa mga tanong, at puwede mong "
        "markahan ang mga gusto mong balikan.",
        "စာမေးပွဲအစစ်လိုပဲ အချိန်ဆက်ပြေးနေပါမယ်။ ထွက်သွားရင်လည်း အချိန်မရပ်ပါဘူး၊ ဒီစာမျက်နှာကို ပြန်လာပြီး "
        "ဆက်ဖြေနိုင်ပါတယ်။ မေးခွန်းတွေကြား လွတ်လပ်စွာ သွားလာနိုင်ပြီး ပြန်စစ်ချင်တဲ့ မေးခွန်းတွေကို "
        "အမှတ်အသား လုပ်ထားနိုင်ပါတယ်။"),
    "This test has {count} of the real exam's {full} questions: scores cover only the questions given.": _t(
        "このテストは、本番の{full}問のうち{count}問です。点数は、出題された問題だけで計算します。",
        "Bài thi này có {count} trên {full} câu của kỳ thi thật: điểm chỉ tính trên các câu đã ra.",
        "Tes ini berisi {count} dari {full} soal ujian sebenarnya: skor hanya dihitung dari soal yang "
        "diberikan.",
        "May {count} sa {full} tanong ng totoong exam ang test na ito: batay lang ang iskor sa mga tanong na "
        "ibinigay.",
        "ဒီစာမေးပွဲမှာ စာမေးပွဲအစစ်ရဲ့ မေးခွန်း {full} ခုအနက် {count} ခုပဲ ပါပါတယ်။ ရမှတ်ကို ပါဝင်တဲ့ "
        "မေးခွန်းတွေနဲ့ပဲ တွက်ပါတယ်။"),
    "Start the test": _t("テストをはじめる", "Bắt đầu làm bài", "Mulai tes", "Simulan ang test",
                         "စာမေးပွဲ စဖြေမယ်"),
    "Section {n} of {total}: {name}": _t(
        "科目 {n} / {total}：{name}", "Phần {n} trên {total}: {name}", "Bagian {n} dari {total}: {name}",
        "Bahagi {n} sa {total}: {name}", "အပိုင်း {total} ခုအနက် {n} ခုမြောက်: {name}"),
    "Time left: {time}": _t("のこり時間 {time}", "Thời gian còn lại: {time}", "Sisa waktu: {time}",
                            "Natitirang oras: {time}", "ကျန်ချိန်: {time}"),
    "{minutes} minutes left": _t("のこり{minutes}分です", "Còn {minutes} phút", "Sisa {minutes} menit",
                                 "{minutes} minuto na lang ang natitira", "{minutes} မိနစ် ကျန်ပါတယ်"),
    "Time is up for this section.": _t(
        "この科目の時間が おわりました。", "Đã hết giờ cho phần này.", "Waktu untuk bagian ini sudah habis.",
        "Tapos na ang oras para sa bahaging ito.", "ဒီအပိုင်းအတွက် အချိန်ပြည့်သွားပါပြီ။"),
    "Answered {answered} of {total}": _t(
        "こたえた問題 {answered} / {total}", "Đã trả lời {answered}/{total}",
        "Terjawab {answered} dari {total}",
        "Nasagot: {answered} sa {total}", "{total} ခုအနက် {answered} ခု ဖြေပြီး"),
    "Question {n}": _t("問題{n}", "Câu {n}", "Soal {n}", "Tanong {n}", "မေးခွန်း {n}"),
    "Question {n} of {total}": _t("問題 {n} / {total}", "Câu {n}/{total}", "Soal {n} dari {total}",
                                  "Tanong {n} sa {total}", "မေးခွန်း {n} / {total}"),
    ", ": _t("、", ", ", ", ", ", ", "၊ "),
    "answered": _t("こたえた", "đã trả lời", "sudah dijawab", "nasagot na", "ဖြေပြီး"),
    "not answered": _t("まだ こたえていない", "chưa trả lời", "belum dijawab", "hindi pa nasasagot",
                       "မဖြေရသေး"),
    "flagged": _t("見なおし", "đã đánh dấu", "ditandai", "may marka", "အမှတ်အသားပြုထား"),
    "Flag for review": _t("あとで見なおす", "Đánh dấu để xem lại", "Tandai untuk diperiksa",
                          "Markahan para balikan", "ပြန်စစ်ရန် မှတ်ထားမယ်"),
    "Remove flag": _t("見なおしを やめる", "Bỏ đánh dấu", "Hapus tanda", "Alisin ang marka",
                      "အမှတ်အသား ဖြုတ်မယ်"),
    "Previous": _t("まえへ", "Câu trước", "Sebelumnya", "Nakaraan", "အရင်တစ်ခု"),
    "Next": _t("つぎへ", "Câu tiếp", "Berikutnya", "Susunod", "နောက်တစ်ခု"),
    "Questions": _t("問題いちらん", "Danh sách câu hỏi", "Daftar soal", "Mga tanong", "မေးခွန်းများ"),
    "Choices": _t("せんたくし", "Các lựa chọn", "Pilihan", "Mga pagpipilian", "ရွေးချယ်စရာများ"),
    "End this section": _t("この科目を おわる", "Kết thúc phần này", "Akhiri bagian ini",
                           "Tapusin ang bahaging ito", "ဒီအပိုင်းကို ပြီးမယ်"),
    "End this section now? You cannot come back to it.": _t(
        "この科目を おわりにしますか。もう もどることは できません。",
        "Kết thúc phần này ngay bây giờ? Bạn sẽ không thể quay lại.",
        "Akhiri bagian ini sekarang? Anda tidak bisa kembali lagi.",
        "Tapusin na ang bahaging ito? Hindi ka na makakabalik dito.",
        "ဒီအပိုင်းကို အခုပြီးမလား။ ပြန်လာလို့ မရတော့ပါဘူး။"),
    "Finish the test": _t("テストを おわる", "Nộp bài", "Selesaikan tes", "Tapusin ang test",
                          "စာမေးပွဲ ပြီးမယ်"),
    "Finish the test now? Questions not answered: {unanswered}.": _t(
        "テストを おわりにしますか。まだ こたえていない問題：{unanswered}問",
        "Nộp bài ngay bây giờ? Số câu chưa trả lời: {unanswered}.",
        "Selesaikan tes sekarang? Soal yang belum dijawab: {unanswered}.",
        "Tapusin na ang test? Mga tanong na hindi pa nasasagot: {unanswered}.",
        "စာမေးပွဲကို အခုပြီးမလား။ မဖြေရသေးတဲ့ မေးခွန်း: {unanswered} ခု"),
    "Yes": _t("はい", "Đồng ý", "Ya", "Oo", "ဟုတ်ကဲ့"),
    "No, go back": _t("いいえ、もどる", "Không, quay lại", "Tidak, kembali", "Hindi, bumalik",
                      "မဟုတ်ပါ၊ ပြန်သွားမယ်"),
    "Your answer is not saved yet: check your connection. It will be sent again.": _t(
        "こたえが まだ ほぞんされていません。インターネットの せつぞくを かくにんしてください。"
        "もういちど おくります。",
        "Câu trả lời chưa được lưu: hãy kiểm tra kết nối mạng. Hệ thống sẽ gửi lại.",
        "Jawaban Anda belum tersimpan: periksa koneksi Anda. Jawaban akan dikirim ulang.",
        "Hindi pa naise-save ang sagot mo: tingnan ang iyong koneksyon. Ipapadala ito ulit.",
        "သင့်အဖြေကို မသိမ်းရသေးပါ။ အင်တာနက်ချိတ်ဆက်မှုကို စစ်ကြည့်ပါ။ ထပ်ပို့ပေးပါမယ်။"),
    "Something went wrong. Please try again.": _t(
        "うまく いきませんでした。もういちど ためしてください。", "Đã xảy ra lỗi. Vui lòng thử lại.",
        "Terjadi kesalahan. Silakan coba lagi.", "May nangyaring mali. Pakisubukan ulit.",
        "တစ်ခုခု မှားသွားပါတယ်။ ထပ်ကြိုးစားကြည့်ပါ။"),
    "That was not accepted. The test has been brought up to date.": _t(
        "うけつけられませんでした。テストを さいしんの じょうたいに しました。",
        "Thao tác không được chấp nhận. Bài thi đã được cập nhật.",
        "Permintaan tidak diterima. Tes sudah diperbarui.",
        "Hindi ito tinanggap. Na-update na ang test.",
        "လက်မခံပါ။ စာမေးပွဲကို နောက်ဆုံးအခြေအနေ ပြန်ပြထားပါတယ်။"),
    "There are no questions for this test yet.": _t(
        "このテストの問題は まだ ありません。", "Bài thi này chưa có câu hỏi.",
        "Belum ada soal untuk tes ini.",
        "Wala pang tanong para sa test na ito.", "ဒီစာမေးပွဲအတွက် မေးခွန်း မရှိသေးပါ။"),
    "Your result": _t("けっか", "Kết quả của bạn", "Hasil Anda", "Iyong resulta", "သင့်ရလဒ်"),
    "Pass (estimate)": _t("合格（よそう）", "Đỗ (ước tính)", "Lulus (perkiraan)", "Pasado (tantya)",
                          "အောင် (ခန့်မှန်း)"),
    "Not a pass yet (estimate)": _t("まだ 合格ラインに とどいていません（よそう）", "Chưa đỗ (ước tính)",
                                    "Belum lulus (perkiraan)", "Hindi pa pasado (tantya)",
                                    "မအောင်သေးပါ (ခန့်မှန်း)"),
    "Pass or fail cannot be judged: this test had no questions for a section.": _t(
        "合格か どうか はんていできません。問題が ない科目が ありました。",
        "Không thể xác định đỗ hay trượt: bài thi này không có câu hỏi cho một phần.",
        "Lulus atau tidak belum bisa dinilai: tes ini tidak punya soal untuk salah satu bagian.",
        "Hindi masasabi kung pasado o hindi: walang tanong ang isang bahagi ng test na ito.",
        "အောင်မအောင် မဆုံးဖြတ်နိုင်ပါ။ အပိုင်းတစ်ခုအတွက် မေးခွန်း မပါခဲ့ပါ။"),
    "Total: {total} / {maximum} (pass mark {pass_mark})": _t(
        "合計：{total} / {maximum}（合格点 {pass_mark}）", "Tổng: {total}/{maximum} (điểm đỗ {pass_mark})",
        "Total: {total} / {maximum} (batas lulus {pass_mark})",
        "Kabuuan: {total} / {maximum} (pasadong marka {pass_mark})",
        "စုစုပေါင်း: {total} / {maximum} (အောင်မှတ် {pass_mark})"),
    "Level: {band}": _t("レベル：{band}", "Trình độ: {band}", "Level: {band}", "Antas: {band}",
                        "အဆင့်: {band}"),
    "The total is below the pass mark of {pass_mark}.": _t(
        "合計が 合格点の{pass_mark}に とどいていません。", "Tổng điểm thấp hơn điểm đỗ {pass_mark}.",
        "Total skor di bawah batas lulus {pass_mark}.",
        "Mas mababa ang kabuuan sa pasadong marka na {pass_mark}.",
        "စုစုပေါင်းရမှတ်က အောင်မှတ် {pass_mark} အောက် ရောက်နေပါတယ်။"),
    "{correct} of {total} right": _t("{total}問中 {correct}問 正解", "Đúng {correct}/{total}",
                                     "{correct} dari {total} benar", "{correct} sa {total} ang tama",
                                     "{total} ခုအနက် {correct} ခု မှန်"),
    "minimum {minimum}": _t("基準点 {minimum}", "điểm tối thiểu {minimum}", "nilai minimum {minimum}",
                            "minimum na {minimum}", "အနည်းဆုံး {minimum}"),
    "below the minimum": _t("基準点に たりません", "dưới điểm tối thiểu", "di bawah nilai minimum",
                            "mas mababa sa minimum", "အနည်းဆုံးမှတ် မမီပါ"),
    "Study next": _t("つぎに べんきょうすること", "Nên học tiếp", "Pelajari berikutnya",
                     "Pag-aralan susunod", "နောက်ထပ် လေ့လာရန်"),
    "You missed nothing. Well done!": _t("ぜんぶ 正解です。よく できました！",
                                         "Bạn không sai câu nào. Giỏi lắm!", "Semua benar. Bagus sekali!",
                                         "Wala kang mali. Magaling!",
                                         "တစ်ခုမှ မမှားပါဘူး။ တော်လိုက်တာ!"),
    "This is an estimate, not an official score: the real exams do not publish how they convert answers to "
    "scores.": _t(
        "これは よそうの点数で、せいしきな点数では ありません。本番の試験は、こたえから点数を出す方法を "
        "公開していません。",
        "Đây là điểm ước tính, không phải điểm chính thức: các kỳ thi thật không công bố cách quy đổi câu "
        "trả lời thành điểm.",
        "Ini skor perkiraan, bukan skor resmi: ujian sebenarnya tidak mengumumkan cara mengubah jawaban "
        "menjadi skor.",
        "Tantya lang ito, hindi opisyal na iskor: hindi inilalathala ng totoong exam kung paano ginagawang "
        "iskor ang mga sagot.",
        "ဒါက ခန့်မှန်းရမှတ်သာ ဖြစ်ပြီး တရားဝင်ရမှတ် မဟုတ်ပါ။ စာမေးပွဲအစစ်တွေက အဖြေကနေ ရမှတ်ကို "
        "ဘယ်လိုတွက်သလဲဆိုတာ ထုတ်ပြန်မထားပါ။"),
    "Your answers": _t("あなたの こたえ", "Các câu trả lời của bạn", "Jawaban Anda", "Iyong mga sagot",
                       "သင့်အဖြေများ"),
    "Your answer: {choice}": _t("あなたの こたえ：{choice}", "Bạn chọn: {choice}", "Jawaban Anda: {choice}",
                                "Sagot mo: {choice}", "သင့်အဖြေ: {choice}"),
    "Answer: {choice}": _t("正解：{choice}", "Đáp án: {choice}", "Jawaban benar: {choice}",
                           "Tamang sagot: {choice}", "အဖြေမှန်: {choice}"),
    "(none)": _t("（なし）", "(không có)", "(tidak ada)", "(wala)", "(မရှိ)"),
    "Take another test": _t("もういちど テストを うける", "Làm bài thi khác", "Ikuti tes lain",
                            "Kumuha ng isa pang test", "နောက်စာမေးပွဲတစ်ခု ဖြေမယ်"),
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
