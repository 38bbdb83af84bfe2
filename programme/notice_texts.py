"""What each rule decision says, in the recipient's language. Learners: six languages; companies: ja, en."""

from __future__ import annotations

NUDGE = {
    "en": ("A gentle reminder: study this week",
           "Hello! We have not seen you in Kagoshima Nihongo yet this week. Even five minutes counts: open "
           "your course and answer a few questions before Sunday. You can do it!"),
    "ja": ("今週もすこし勉強しましょう",
           "こんにちは。今週はまだ Kagoshima Nihongo にログインしていません。5分だけでも大丈夫です。"
           "日曜日までにコースを開いて、問題をいくつか答えましょう。"),
    "vi": ("Nhắc nhẹ: hãy học trong tuần này",
           "Xin chào! Tuần này bạn chưa vào Kagoshima Nihongo. Chỉ năm phút cũng được: hãy mở khóa học "
           "và trả lời vài câu hỏi trước Chủ nhật nhé. Cố lên!"),
    "id": ("Pengingat: ayo belajar minggu ini",
           "Halo! Minggu ini Anda belum membuka Kagoshima Nihongo. Lima menit saja sudah cukup: buka "
           "kursus Anda dan jawab beberapa soal sebelum hari Minggu. Semangat!"),
    "tl": ("Paalala: mag-aral ngayong linggo",
           "Kumusta! Hindi ka pa nakakapag-log in sa Kagoshima Nihongo ngayong linggo. Kahit limang minuto "
           "lang ay malaking tulong: buksan ang iyong kurso at sumagot ng ilang tanong bago mag-Linggo. Kaya mo ito!"),
    "my": ("သတိပေးချက်- ဒီအပတ် စာလေ့လာပါ",
           "မင်္ဂလာပါ။ ဒီအပတ်မှာ Kagoshima Nihongo ကို မဝင်ရသေးပါ။ ငါးမိနစ်လောက်ဆိုရင်လည်း ရပါတယ်။ "
           "တနင်္ဂနွေနေ့မတိုင်မီ သင်တန်းကိုဖွင့်ပြီး မေးခွန်းအနည်းငယ် ဖြေပါ။"),
}

WARNING = {
    "ja": ("【Kagoshima Nihongo】学習状況についてのお願い（{week}）",
           "学習支援担当者様\n\n{week} の1週間、次の学習者のログインがありませんでした：{learners}。\n"
           "本事業では、学習者が週に1回以上ログインすることをお願いしています。学習時間の確保と声かけに"
           "ご協力ください。この注意喚起から2か月たっても利用状況が改善されない場合、御社の全学習者の利用を"
           "中止することがあります。\n\nKagoshima Nihongo 運営事務局"),
    "en": ("[Kagoshima Nihongo] Please help your learners study ({week})",
           "Dear learning-support person,\n\nIn the week {week}, these learners did not log in: {learners}.\n"
           "The programme asks every learner to log in at least once a week. Please help them find time to "
           "study. If usage does not improve within two months of this notice, all of your company's learners "
           "may be stopped.\n\nKagoshima Nihongo programme office"),
}

SUSPENSION_COMPANY = {
    "ja": ("【Kagoshima Nihongo】利用中止のお知らせ",
           "学習支援担当者様\n\n{warned_on} の注意喚起から2か月間、毎週のログインが続かなかったため、"
           "御社の学習者全員（{learners}）の利用を {today} に中止しました。\n根拠：{evidence}\n\n"
           "Kagoshima Nihongo 運営事務局"),
    "en": ("[Kagoshima Nihongo] Your learners' places have been stopped",
           "Dear learning-support person,\n\nIn the two months after the notice of {warned_on}, weekly logins "
           "did not recover, so all of your company's learners ({learners}) were stopped on {today}.\n"
           "Evidence: {evidence}\n\nKagoshima Nihongo programme office"),
}

SUSPENSION_LEARNER = {
    "en": ("Your Kagoshima Nihongo account has been stopped",
           "Your company's place in the programme has ended because weekly study did not continue. "
           "Please talk to your company's learning-support person. Thank you for studying with us."),
    "ja": ("Kagoshima Nihongo の利用が中止になりました",
           "毎週の学習が続かなかったため、会社の利用が中止になりました。会社の学習支援担当者に相談してください。"
           "これまで勉強してくれて、ありがとうございました。"),
    "vi": ("Tài khoản Kagoshima Nihongo của bạn đã bị dừng",
           "Vì việc học hằng tuần không được duy trì, suất tham gia chương trình của công ty bạn đã kết thúc. "
           "Hãy trao đổi với người hỗ trợ học tập của công ty. Cảm ơn bạn đã học cùng chúng tôi."),
    "id": ("Akun Kagoshima Nihongo Anda dihentikan",
           "Karena belajar mingguan tidak berlanjut, kesempatan perusahaan Anda dalam program ini telah berakhir. "
           "Silakan bicara dengan penanggung jawab pendampingan belajar di perusahaan Anda. Terima kasih sudah "
           "belajar bersama kami."),
    "tl": ("Itinigil na ang iyong Kagoshima Nihongo account",
           "Dahil hindi nagpatuloy ang lingguhang pag-aaral, natapos na ang puwesto ng iyong kumpanya sa programa. "
           "Makipag-usap sa taga-suporta sa pag-aaral ng iyong kumpanya. Salamat sa pag-aaral kasama namin."),
    "my": ("သင်၏ Kagoshima Nihongo အကောင့်ကို ရပ်ဆိုင်းလိုက်ပါပြီ",
           "အပတ်စဉ် စာလေ့လာမှု မဆက်ဖြစ်သောကြောင့် သင့်ကုမ္ပဏီ၏ အစီအစဉ်ပါဝင်ခွင့် ပြီးဆုံးသွားပါပြီ။ "
           "ကုမ္ပဏီရှိ လေ့လာမှုအကူအညီပေးသူနှင့် တိုင်ပင်ပါ။ ကျွန်ုပ်တို့နှင့်အတူ လေ့လာခဲ့သည့်အတွက် ကျေးဇူးတင်ပါသည်။"),
}

REPLACEMENT = {
    "ja": ("【Kagoshima Nihongo】補充のご案内",
           "学習支援担当者様\n\n空きが出たため、待機順 {position} 番の補充候補の方に受講枠をご案内します"
           "（{today}）。ログインIDの発行手続きを進めます。\n\nKagoshima Nihongo 運営事務局"),
    "en": ("[Kagoshima Nihongo] A place is available",
           "Dear learning-support person,\n\nA place has been freed and is offered to your waiting applicant "
           "(waiting list number {position}) on {today}. We will issue the login ID next.\n\n"
           "Kagoshima Nihongo programme office"),
}


def pick(texts: dict, language: str, fallback: str = "en") -> tuple[str, str]:
    return texts.get(language) or texts[fallback]

MAINTENANCE = {
    "ja": ("【Kagoshima Nihongo】メンテナンスのお知らせ（{when}）",
           "いつも Kagoshima Nihongo をご利用いただき、ありがとうございます。\n{when}（日本時間）に、システムの"
           "メンテナンスを行います。この間は学習やログインができないことがあります。\n内容：{title}\n"
           "ご不便をおかけしますが、ご理解をお願いいたします。学習者の皆さんへのお声かけもよろしくお願いします。"),
    "en": ("Kagoshima Nihongo: planned maintenance ({when})",
           "Thank you for using Kagoshima Nihongo.\nThe system will be under maintenance {when} (Japan time). "
           "During that time you may not be able to sign in or study.\nWhat: {title}\n"
           "We are sorry for the inconvenience. Thank you for your understanding."),
    "vi": ("Kagoshima Nihongo: thông báo bảo trì ({when})",
           "Cảm ơn bạn đã sử dụng Kagoshima Nihongo.\nHệ thống sẽ được bảo trì vào {when} (giờ Nhật Bản). "
           "Trong thời gian này, bạn có thể không đăng nhập hoặc học được.\nNội dung: {title}\n"
           "Xin lỗi vì sự bất tiện này. Cảm ơn bạn đã thông cảm."),
    "id": ("Kagoshima Nihongo: pemberitahuan pemeliharaan ({when})",
           "Terima kasih telah menggunakan Kagoshima Nihongo.\nSistem akan menjalani pemeliharaan pada {when} "
           "(waktu Jepang). Selama waktu itu, Anda mungkin tidak bisa masuk atau belajar.\nIsi: {title}\n"
           "Mohon maaf atas ketidaknyamanannya. Terima kasih atas pengertian Anda."),
    "tl": ("Kagoshima Nihongo: abiso ng maintenance ({when})",
           "Salamat sa paggamit ng Kagoshima Nihongo.\nMagkakaroon ng maintenance ang sistema sa {when} "
           "(oras sa Japan). Sa panahong ito, maaaring hindi ka makapag-log in o makapag-aral.\nTungkol sa: {title}\n"
           "Paumanhin sa abala. Salamat sa inyong pag-unawa."),
    "my": ("Kagoshima Nihongo - စနစ်ပြုပြင်ထိန်းသိမ်းမှု အသိပေးချက် ({when})",
           "Kagoshima Nihongo ကို အသုံးပြုပေးသည့်အတွက် ကျေးဇူးတင်ပါသည်။\n{when} (ဂျပန်စံတော်ချိန်) တွင် "
           "စနစ်ကို ပြုပြင်ထိန်းသိမ်းပါမည်။ ထိုအချိန်အတွင်း ဝင်ရောက်ခြင်း သို့မဟုတ် စာလေ့လာခြင်း "
           "မပြုလုပ်နိုင်ပါ။\nအကြောင်းအရာ - {title}\nအဆင်မပြေမှုအတွက် တောင်းပန်ပါသည်။ နားလည်ပေးမှုအတွက် "
           "ကျေးဇူးတင်ပါသည်။"),
}
