"""The programme's surveys (docs/programme.md P9): learners at the end of the programme, and companies.

Learner surveys are in the six help languages (ja, en, vi, id, tl, my); company surveys in ja and en.
Option values and question IDs are stored with each response: never rename one once answers exist.
"""

from __future__ import annotations

from .definitions import COMPANY_LANGUAGES, LEARNER_LANGUAGES, Audience, Kind, Option, Question, Survey


def _t(**texts: str) -> dict[str, str]:
    return texts


LEARNER_END = Survey(
    id="learner-end",
    audience=Audience.LEARNER,
    languages=LEARNER_LANGUAGES,
    default_language="en",
    title=_t(ja="学習者アンケート（プログラム修了時）",
             en="Learner survey: end of the programme",
             vi="Khảo sát học viên: kết thúc chương trình",
             id="Survei peserta: akhir program",
             tl="Survey para sa mga mag-aaral: pagtatapos ng programa",
             my="သင်တန်းသား စစ်တမ်း - အစီအစဉ် ပြီးဆုံးချိန်"),
    intro=_t(ja="回答はこのプログラムをよくするためだけに使います。3分ぐらいで終わります。",
             en="Your answers are used only to improve this programme. It takes about 3 minutes.",
             vi="Câu trả lời của bạn chỉ được dùng để cải thiện chương trình này. Mất khoảng 3 phút.",
             id="Jawaban Anda hanya digunakan untuk memperbaiki program ini. Waktunya sekitar 3 menit.",
             tl="Gagamitin lang ang iyong mga sagot para mapabuti ang programang ito. Mga 3 minuto lang ito.",
             my="သင့်အဖြေများကို ဤအစီအစဉ် ပိုမိုကောင်းမွန်စေရန်အတွက်သာ အသုံးပြုပါမည်။ "
                "၃ မိနစ်ခန့်သာ ကြာပါမည်။"),
    questions=(
        Question(
            id="improved", kind=Kind.SCALE,
            text=_t(ja="このプログラムで、あなたの日本語はどのくらい上手になりましたか。",
                    en="How much has your Japanese improved in this programme?",
                    vi="Tiếng Nhật của bạn đã tiến bộ bao nhiêu nhờ chương trình này?",
                    id="Seberapa besar peningkatan bahasa Jepang Anda dalam program ini?",
                    tl="Gaano umunlad ang iyong Japanese sa programang ito?",
                    my="ဤအစီအစဉ်တွင် သင်၏ ဂျပန်ဘာသာစကား မည်မျှ တိုးတက်လာပါသနည်း။"),
            low=_t(ja="変わらない", en="not at all", vi="không tiến bộ", id="tidak meningkat",
                   tl="hindi umunlad", my="မတိုးတက်ပါ"),
            high=_t(ja="とても上手になった", en="very much", vi="tiến bộ rất nhiều", id="sangat meningkat",
                    tl="lubos na umunlad", my="အလွန် တိုးတက်ပါသည်"),
        ),
        Question(
            id="phone", kind=Kind.SCALE,
            text=_t(ja="スマートフォンでの勉強は、使いやすかったですか。",
                    en="How easy was it to study on your phone?",
                    vi="Học trên điện thoại có dễ sử dụng không?",
                    id="Seberapa mudah belajar lewat ponsel?",
                    tl="Gaano kadaling mag-aral gamit ang iyong cellphone?",
                    my="ဖုန်းဖြင့် လေ့လာရတာ မည်မျှ လွယ်ကူပါသနည်း။"),
            low=_t(ja="とても使いにくい", en="very hard", vi="rất khó dùng", id="sangat sulit",
                   tl="napakahirap", my="အလွန် ခက်ခဲသည်"),
            high=_t(ja="とても使いやすい", en="very easy", vi="rất dễ dùng", id="sangat mudah",
                    tl="napakadali", my="အလွန် လွယ်ကူသည်"),
        ),
        Question(
            id="dialect", kind=Kind.SCALE, required=False,  # not every learner took the dialect lessons
            text=_t(ja="鹿児島弁のレッスンは、役に立ちましたか。",
                    en="Were the Kagoshima dialect lessons useful?",
                    vi="Các bài học tiếng địa phương Kagoshima có hữu ích không?",
                    id="Apakah pelajaran dialek Kagoshima bermanfaat?",
                    tl="Nakatulong ba ang mga aralin sa diyalekto ng Kagoshima?",
                    my="ကာဂိုရှီးမား ဒေသိယစကား သင်ခန်းစာများသည် အသုံးဝင်ပါသလား။"),
            low=_t(ja="役に立たなかった", en="not useful", vi="không hữu ích", id="tidak bermanfaat",
                   tl="hindi nakatulong", my="အသုံးမဝင်ပါ"),
            high=_t(ja="とても役に立った", en="very useful", vi="rất hữu ích", id="sangat bermanfaat",
                    tl="malaking tulong", my="အလွန် အသုံးဝင်ပါသည်"),
        ),
        Question(
            id="minutes", kind=Kind.CHOICE,
            text=_t(ja="1週間に、何分ぐらい勉強しましたか。",
                    en="About how many minutes a week did you study?",
                    vi="Mỗi tuần bạn đã học khoảng bao nhiêu phút?",
                    id="Kira-kira berapa menit per minggu Anda belajar?",
                    tl="Mga ilang minuto bawat linggo ka nag-aral?",
                    my="တစ်ပတ်လျှင် မိနစ် မည်မျှခန့် လေ့လာခဲ့ပါသနည်း။"),
            options=(
                Option("under-30", _t(ja="30分より少ない", en="less than 30 minutes", vi="dưới 30 phút",
                                      id="kurang dari 30 menit", tl="kulang sa 30 minuto",
                                      my="မိနစ် ၃၀ အောက်")),
                Option("30-60", _t(ja="30分〜1時間", en="30 minutes to 1 hour", vi="từ 30 phút đến 1 giờ",
                                   id="30 menit sampai 1 jam", tl="30 minuto hanggang 1 oras",
                                   my="မိနစ် ၃၀ မှ ၁ နာရီ")),
                Option("60-120", _t(ja="1時間〜2時間", en="1 to 2 hours", vi="từ 1 đến 2 giờ",
                                    id="1 sampai 2 jam", tl="1 hanggang 2 oras", my="၁ နာရီမှ ၂ နာရီ")),
                Option("over-120", _t(ja="2時間より多い", en="more than 2 hours", vi="hơn 2 giờ",
                                      id="lebih dari 2 jam", tl="higit sa 2 oras", my="၂ နာရီထက် ပို")),
            ),
        ),
        Question(
            id="recommend", kind=Kind.CHOICE,
            text=_t(ja="このプログラムを友だちにすすめたいですか。",
                    en="Would you recommend this programme to a friend?",
                    vi="Bạn có muốn giới thiệu chương trình này cho bạn bè không?",
                    id="Apakah Anda akan merekomendasikan program ini kepada teman?",
                    tl="Irerekomenda mo ba ang programang ito sa isang kaibigan?",
                    my="ဤအစီအစဉ်ကို သူငယ်ချင်းများထံ အကြံပြုလိုပါသလား။"),
            options=(
                Option("yes", _t(ja="はい", en="Yes", vi="Có", id="Ya", tl="Oo", my="အကြံပြုမည်")),
                Option("not-sure", _t(ja="わからない", en="Not sure", vi="Chưa chắc", id="Belum tahu",
                                      tl="Hindi sigurado", my="မသေချာပါ")),
                Option("no", _t(ja="いいえ", en="No", vi="Không", id="Tidak", tl="Hindi",
                                my="အကြံမပြုပါ")),
            ),
        ),
        Question(
            id="comment", kind=Kind.TEXT, required=False,
            text=_t(ja="意見や感想があれば、自由に書いてください（どの言語でもいいです）。",
                    en="Any comments? Write freely, in any language.",
                    vi="Bạn có ý kiến gì không? Hãy viết tự do, bằng ngôn ngữ nào cũng được.",
                    id="Ada komentar? Silakan tulis dengan bebas, dalam bahasa apa saja.",
                    tl="May komento ka ba? Isulat lang nang malaya, sa kahit anong wika.",
                    my="အကြံပြုချက် ရှိပါသလား။ မည်သည့် ဘာသာစကားဖြင့်မဆို လွတ်လပ်စွာ ရေးနိုင်ပါသည်။"),
        ),
    ),
)


COMPANY_EFFECT = Survey(
    id="company-effect",
    audience=Audience.COMPANY,
    languages=COMPANY_LANGUAGES,
    default_language="ja",
    title=_t(ja="受入企業アンケート（事業の効果）", en="Company survey: effect of the programme"),
    intro=_t(ja="本事業の効果を測るため、ご協力をお願いします。回答は本事業の改善と、県への報告（集計値のみ）に"
                "使用します。所要時間は約3分です。",
             en="Please help us measure the effect of the programme. Answers are used only to improve it "
                "and, as totals, in the report to the prefecture. It takes about 3 minutes."),
    questions=(
        Question(
            id="communication", kind=Kind.SCALE,
            text=_t(ja="参加前と比べて、職場での学習者とのコミュニケーションは変わりましたか。",
                    en="Compared with before the programme, has communication with the learners at work "
                       "changed?"),
            low=_t(ja="変わらない", en="no change"), high=_t(ja="大きく改善した", en="much better"),
        ),
        Question(
            id="safety", kind=Kind.SCALE,
            text=_t(ja="学習者は、安全に関する指示（作業手順・注意事項など）を以前より理解できるようになりましたか。",
                    en="Do the learners understand safety instructions (work procedures, warnings) "
                       "better than before?"),
            low=_t(ja="変わらない", en="no better"),
            high=_t(ja="よく理解できるようになった", en="much better"),
        ),
        Question(
            id="motivation", kind=Kind.SCALE,
            text=_t(ja="学習者の仕事や学習への意欲は変わりましたか。",
                    en="Has the learners' motivation, at work and in their studies, changed?"),
            low=_t(ja="変わらない", en="no change"), high=_t(ja="大きく高まった", en="much higher"),
        ),
        Question(
            id="dashboard", kind=Kind.SCALE,
            text=_t(ja="管理者画面で、学習者の進み具合を確認しやすかったですか。",
                    en="How easy was it to follow your learners' progress on the manager's dashboard?"),
            low=_t(ja="とても確認しにくい", en="very hard"), high=_t(ja="とても確認しやすい", en="very easy"),
        ),
        Question(
            id="join-again", kind=Kind.CHOICE,
            text=_t(ja="同様の事業が来年度も実施される場合、参加したいですか。",
                    en="Would your company join again if the programme runs next year?"),
            options=(
                Option("yes", _t(ja="参加したい", en="Yes")),
                Option("maybe", _t(ja="検討する", en="We would consider it")),
                Option("no", _t(ja="参加しない", en="No")),
            ),
        ),
        Question(
            id="comment", kind=Kind.TEXT, required=False,
            text=_t(ja="本事業へのご意見・ご要望があればご記入ください。",
                    en="Any comments or requests about the programme?"),
        ),
    ),
)

SURVEYS: dict[str, Survey] = {s.id: s for s in (LEARNER_END, COMPANY_EFFECT)}


def get(survey_id: str) -> Survey | None:
    return SURVEYS.get(survey_id)
