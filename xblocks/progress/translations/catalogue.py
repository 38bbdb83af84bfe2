"""The "My week" page's UI strings in ja, vi, id, tl and my: the source of the catalogues beside this file.

``python -m xblocks.progress.translations.catalogue`` writes ``<lang>/LC_MESSAGES/text.po`` and
``text.mo``. A test fails when a string of ``block.TEXT`` lacks a translation or a ``.mo`` is stale.
"""

from __future__ import annotations

from pathlib import Path

from xblocks.common import catalogue
from xblocks.placement_test.translations.catalogue import TRANSLATIONS as PLACEMENT

HERE = Path(__file__).resolve().parent

#: Words both pages use, translated once (skills, "Below N5", "Your level").
SHARED = ("kanji", "vocabulary", "grammar", "reading", "listening", "conversation", "Kagoshima dialect",
          "a mock test", " and ", "Below N5", "Your level: {level}")

TRANSLATIONS: dict[str, dict[str, str]] = {
    **{source: PLACEMENT[source] for source in SHARED},
    "My week": {"ja": "わたしの 1しゅうかん", "vi": "Tuần của tôi", "id": "Minggu saya", "tl": "Aking linggo",
                "my": "ကျွန်ုပ်၏ အပတ်"},
    "Days studied this week: {days} of {goal}": {
        "ja": "こんしゅう べんきょうした日: {days} / {goal}",
        "vi": "Số ngày đã học tuần này: {days} / {goal}",
        "id": "Hari belajar minggu ini: {days} dari {goal}",
        "tl": "Mga araw na nag-aral ngayong linggo: {days} sa {goal}",
        "my": "ဒီအပတ် စာလေ့လာခဲ့တဲ့ ရက်: {goal} ရက်အနက် {days} ရက်"},
    "This week's goal is reached. Well done!": {
        "ja": "こんしゅうの もくひょうを たっせいしました。よく がんばりました！",
        "vi": "Bạn đã đạt mục tiêu tuần này. Giỏi lắm!",
        "id": "Target minggu ini tercapai. Bagus sekali!",
        "tl": "Naabot mo na ang layunin ngayong linggo. Magaling!",
        "my": "ဒီအပတ်ရဲ့ ပန်းတိုင် ပြည့်ပါပြီ။ တော်လိုက်တာ!"},
    "Days still to study for this week's goal: {left}": {
        "ja": "こんしゅうの もくひょうまで あと {left}日",
        "vi": "Còn {left} ngày học nữa để đạt mục tiêu tuần này",
        "id": "Sisa hari belajar untuk target minggu ini: {left}",
        "tl": "Mga araw pang kailangang mag-aral para sa layunin ngayong linggo: {left}",
        "my": "ဒီအပတ် ပန်းတိုင်အတွက် လေ့လာရန် ကျန်ရက်: {left}"},
    "Weeks at your goal so far: {weeks}": {
        "ja": "もくひょうを たっせいした しゅう: {weeks}",
        "vi": "Số tuần đã đạt mục tiêu: {weeks}",
        "id": "Minggu yang mencapai target sejauh ini: {weeks}",
        "tl": "Mga linggong naabot ang layunin sa ngayon: {weeks}",
        "my": "ပန်းတိုင် ပြည့်ခဲ့တဲ့ အပတ်များ: {weeks}"},
    "Mon": {"ja": "月", "vi": "T2", "id": "Sen", "tl": "Lun", "my": "တနင်္လာ"},
    "Tue": {"ja": "火", "vi": "T3", "id": "Sel", "tl": "Mar", "my": "အင်္ဂါ"},
    "Wed": {"ja": "水", "vi": "T4", "id": "Rab", "tl": "Miy", "my": "ဗုဒ္ဓဟူး"},
    "Thu": {"ja": "木", "vi": "T5", "id": "Kam", "tl": "Huw", "my": "ကြာသပတေး"},
    "Fri": {"ja": "金", "vi": "T6", "id": "Jum", "tl": "Biy", "my": "သောကြာ"},
    "Sat": {"ja": "土", "vi": "T7", "id": "Sab", "tl": "Sab", "my": "စနေ"},
    "Sun": {"ja": "日", "vi": "CN", "id": "Min", "tl": "Lin", "my": "တနင်္ဂနွေ"},
    "studied": {"ja": "べんきょうした", "vi": "đã học", "id": "sudah belajar", "tl": "nag-aral",
                "my": "လေ့လာခဲ့"},
    "not studied": {"ja": "べんきょうしていない", "vi": "chưa học", "id": "belum belajar",
                    "tl": "hindi nag-aral",
                    "my": "မလေ့လာရသေး"},
    "today": {"ja": "きょう", "vi": "hôm nay", "id": "hari ini", "tl": "ngayon", "my": "ဒီနေ့"},
    "Reviews": {"ja": "ふくしゅう", "vi": "Ôn tập", "id": "Pengulangan", "tl": "Mga review",
                "my": "ပြန်လေ့ကျင့်ရန်"},
    "Reviews due today: {due}": {"ja": "きょうの ふくしゅう: {due}", "vi": "Cần ôn hôm nay: {due}",
                                 "id": "Pengulangan hari ini: {due}", "tl": "Mga review ngayong araw: {due}",
                                 "my": "ဒီနေ့ ပြန်လေ့ကျင့်ရမယ့် အရေအတွက်: {due}"},
    "No reviews due today. Next reviews: {date}": {
        "ja": "きょうの ふくしゅうは ありません。つぎの ふくしゅう: {date}",
        "vi": "Hôm nay không có bài cần ôn. Lần ôn tiếp theo: {date}",
        "id": "Tidak ada pengulangan hari ini. Pengulangan berikutnya: {date}",
        "tl": "Walang review ngayong araw. Susunod na review: {date}",
        "my": "ဒီနေ့ ပြန်လေ့ကျင့်ရန် မရှိပါ။ နောက်တစ်ကြိမ်: {date}"},
    "No reviews yet: practising a drill starts them.": {
        "ja": "ふくしゅうは まだ ありません。れんしゅうを すると はじまります。",
        "vi": "Chưa có bài ôn tập: hãy luyện tập để bắt đầu.",
        "id": "Belum ada pengulangan: berlatih akan memulainya.",
        "tl": "Wala pang review: magsisimula ito kapag nagsanay ka.",
        "my": "ပြန်လေ့ကျင့်ရန် မရှိသေးပါ။ လေ့ကျင့်ခန်း လုပ်ရင် စပါမယ်။"},
    "Your plan": {"ja": "あなたの けいかく", "vi": "Kế hoạch của bạn", "id": "Rencana Anda",
                  "tl": "Ang iyong plano", "my": "သင့်အစီအစဉ်"},
    "Take the placement test to get your level and a study plan.": {
        "ja": "レベルチェックを うけると、レベルと べんきょうの けいかくが わかります。",
        "vi": "Hãy làm bài kiểm tra xếp lớp để biết trình độ và nhận kế hoạch học.",
        "id": "Ikuti tes penempatan untuk mengetahui level Anda dan mendapat rencana belajar.",
        "tl": "Kumuha ng placement test para malaman ang iyong level at makakuha ng plano sa pag-aaral.",
        "my": "သင့်အဆင့်နဲ့ လေ့လာရေး အစီအစဉ် ရဖို့ အဆင့်စစ်စာမေးပွဲ ဖြေပါ။"},
    "This week: {focus} for {level}, about {minutes} minutes": {
        "ja": "こんしゅう: {level}の {focus}、やく {minutes}ふん",
        "vi": "Tuần này: {focus} cho {level}, khoảng {minutes} phút",
        "id": "Minggu ini: {focus} untuk {level}, sekitar {minutes} menit",
        "tl": "Ngayong linggo: {focus} para sa {level}, mga {minutes} minuto",
        "my": "ဒီအပတ်: {level} အတွက် {focus}၊ မိနစ် {minutes} ခန့်"},
    "Your plan has ended. Take the placement test again for a new one.": {
        "ja": "けいかくは おわりました。あたらしい けいかくの ために "
              "もういちど レベルチェックを うけてください。",
        "vi": "Kế hoạch của bạn đã kết thúc. Hãy làm lại bài kiểm tra xếp lớp để có kế hoạch mới.",
        "id": "Rencana Anda sudah selesai. Ikuti tes penempatan lagi untuk rencana baru.",
        "tl": "Tapos na ang iyong plano. Kumuha ulit ng placement test para sa bagong plano.",
        "my": "သင့်အစီအစဉ် ပြီးသွားပါပြီ။ အစီအစဉ်သစ်အတွက် အဆင့်စစ်စာမေးပွဲ ထပ်ဖြေပါ။"},
    "Badges": {"ja": "バッジ", "vi": "Huy hiệu", "id": "Lencana", "tl": "Mga badge", "my": "တံဆိပ်များ"},
    "No badges yet. They come from studying each week, not from daily streaks.": {
        "ja": "バッジは まだ ありません。まいにち つづけなくても、まいしゅう べんきょうすれば もらえます。",
        "vi": "Chưa có huy hiệu. Huy hiệu đến từ việc học mỗi tuần, không cần học liên tục mỗi ngày.",
        "id": "Belum ada lencana. Lencana didapat dari belajar setiap minggu, bukan dari belajar tanpa putus "
              "setiap hari.",
        "tl": "Wala pang badge. Nakukuha ito sa pag-aaral bawat linggo, hindi sa tuloy-tuloy na araw-araw.",
        "my": "တံဆိပ် မရှိသေးပါ။ နေ့တိုင်း ဆက်တိုက် မဟုတ်ဘဲ အပတ်တိုင်း လေ့လာရင် ရပါမယ်။"},
    "Placement done": {"ja": "レベルチェック かんりょう", "vi": "Đã làm bài xếp lớp",
                       "id": "Tes penempatan selesai",
                       "tl": "Tapos ang placement", "my": "အဆင့်စစ် ပြီးပြီ"},
    "First week at your goal": {"ja": "はじめて もくひょう たっせい", "vi": "Tuần đầu tiên đạt mục tiêu",
                                "id": "Minggu pertama mencapai target",
                                "tl": "Unang linggong naabot ang layunin",
                                "my": "ပထမဆုံး ပန်းတိုင်ပြည့် အပတ်"},
    "Four weeks at your goal": {"ja": "もくひょう たっせい 4しゅう", "vi": "Bốn tuần đạt mục tiêu",
                                "id": "Empat minggu mencapai target",
                                "tl": "Apat na linggong naabot ang layunin",
                                "my": "ပန်းတိုင်ပြည့် လေးပတ်"},
    "100 answers": {"ja": "100もん こたえた", "vi": "100 câu trả lời", "id": "100 jawaban", "tl": "100 sagot",
                    "my": "အဖြေ ၁၀၀"},
    "First mock test": {"ja": "はじめての もぎテスト", "vi": "Bài thi thử đầu tiên",
                        "id": "Tes simulasi pertama",
                        "tl": "Unang mock test", "my": "ပထမဆုံး စမ်းသပ်စာမေးပွဲ"},
    "Mock test passed": {"ja": "もぎテスト ごうかく", "vi": "Đạt bài thi thử", "id": "Lulus tes simulasi",
                         "tl": "Pumasa sa mock test", "my": "စမ်းသပ်စာမေးပွဲ အောင်ပြီ"},
}


def write(root: Path = HERE) -> list[Path]:
    """Write every language's .po and .mo; returns the files written."""
    return catalogue.write(TRANSLATIONS, root)


if __name__ == "__main__":
    for path in write():
        print(path)
