"""The survey form's own words (buttons, messages) in the six help languages.

Survey content lives in ``catalogue.py``; these are the few strings around it. Kept as data beside the
surveys (like the item bank's translations) so that one test checks every language is complete.
"""

from __future__ import annotations

from curriculum import languages

UI: dict[str, dict[str, str]] = {
    "ja": {
        "optional": "任意",
        "send": "送信する",
        "fix_below": "確認が必要な回答があります。下の赤いメッセージを見て、直してください。",
        "pick_scale": "1〜5の中から1つ選んでください。",
        "pick_one": "どれか1つ選んでください。",
        "write": "回答を書いてください。",
        "too_long": "{max}文字以内にしてください（いま{n}文字です）。",
        "thanks_title": "ありがとうございました",
        "thanks": "回答を受け付けました。",
        "already": "回答はもう受け付けています。もう一度送る必要はありません。",
    },
    "en": {
        "optional": "optional",
        "send": "Send",
        "fix_below": "Some answers need fixing: see the red messages below.",
        "pick_scale": "Choose a number from 1 to 5.",
        "pick_one": "Choose one answer.",
        "write": "Please write an answer.",
        "too_long": "Please shorten this to {max} characters or fewer (now {n}).",
        "thanks_title": "Thank you!",
        "thanks": "Your answers were received.",
        "already": "Your answers were already received. You do not need to send them again.",
    },
    "vi": {
        "optional": "không bắt buộc",
        "send": "Gửi",
        "fix_below": "Có câu trả lời cần sửa: hãy xem các thông báo màu đỏ bên dưới.",
        "pick_scale": "Hãy chọn một số từ 1 đến 5.",
        "pick_one": "Hãy chọn một câu trả lời.",
        "write": "Hãy viết câu trả lời.",
        "too_long": "Hãy viết ngắn lại, tối đa {max} ký tự (hiện tại {n}).",
        "thanks_title": "Cảm ơn bạn!",
        "thanks": "Chúng tôi đã nhận được câu trả lời của bạn.",
        "already": "Chúng tôi đã nhận được câu trả lời của bạn rồi. Bạn không cần gửi lại.",
    },
    "id": {
        "optional": "opsional",
        "send": "Kirim",
        "fix_below": "Ada jawaban yang perlu diperbaiki: lihat pesan berwarna merah di bawah.",
        "pick_scale": "Pilih satu angka dari 1 sampai 5.",
        "pick_one": "Pilih satu jawaban.",
        "write": "Tulis jawaban Anda.",
        "too_long": "Persingkat menjadi paling banyak {max} karakter (sekarang {n}).",
        "thanks_title": "Terima kasih!",
        "thanks": "Jawaban Anda sudah kami terima.",
        "already": "Jawaban Anda sudah kami terima sebelumnya. Anda tidak perlu mengirimnya lagi.",
    },
    "tl": {
        "optional": "hindi sapilitan",
        "send": "Ipadala",
        "fix_below": "May mga sagot na kailangang ayusin: tingnan ang mga pulang mensahe sa ibaba.",
        "pick_scale": "Pumili ng isang numero mula 1 hanggang 5.",
        "pick_one": "Pumili ng isang sagot.",
        "write": "Pakisulat ang iyong sagot.",
        "too_long": "Paikliin ito sa {max} na character o mas kaunti (ngayon ay {n}).",
        "thanks_title": "Salamat!",
        "thanks": "Natanggap na namin ang iyong mga sagot.",
        "already": "Natanggap na namin dati ang iyong mga sagot. Hindi mo na kailangang ipadala ulit.",
    },
    "my": {
        "optional": "မဖြေလည်း ရပါသည်",
        "send": "ပေးပို့မည်",
        "fix_below": "ပြင်ရန် လိုအပ်သော အဖြေများ ရှိပါသည်။ အောက်ရှိ အနီရောင် စာများကို ကြည့်ပါ။",
        "pick_scale": "၁ မှ ၅ အထိ နံပါတ်တစ်ခုကို ရွေးပါ။",
        "pick_one": "အဖြေတစ်ခုကို ရွေးပါ။",
        "write": "အဖြေကို ရေးပါ။",
        "too_long": "စာလုံးရေ {max} လုံးအောက်သို့ တိုအောင် ရေးပါ (ယခု {n} လုံး)။",
        "thanks_title": "ကျေးဇူးတင်ပါသည်။",
        "thanks": "သင့်အဖြေများကို လက်ခံရရှိပါပြီ။",
        "already": "သင့်အဖြေများကို လက်ခံရရှိပြီး ဖြစ်ပါသည်။ ထပ်မံ ပေးပို့ရန် မလိုပါ။",
    },
}

LANGUAGE_NAMES = dict(languages.LANGUAGE_NAMES)
