"""'Open in a new window': for browsers that block the tool's cookies inside the LMS's iframe.

Two moments. At login: a login that arrives in an iframe (``Sec-Fetch-Dest: iframe``) over HTTPS
first gets a small page that tries a ``SameSite=None; Secure`` cookie; if the browser drops it, the
page offers to run the same login in a new top-level window, where the cookies are first-party.
On an activity page: a button asks for a one-time token (5 minutes, stored in the shared cache with
the launch ID and the browser's PyLTI1p3 session ID); the new window redeems it, gets that session
cookie and resumes the same launch without starting over.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

TOKEN_SECONDS = 300
#: PyLTI1p3's per-browser cookie (``lti1p3-`` + the storage's ``session-id``).
SESSION_COOKIE = "lti1p3-session-id"
#: Added to the login URL once the cookie check has run (platforms ignore unknown parameters).
CHECKED_PARAM = "lti_storage_checked"

TEXTS = {
    "en": {
        "open": "Open in a new window",
        "blocked": "Your browser blocks this activity inside the course page. Open it in its own window "
                   "to keep your progress.",
        "failed": "Could not open a new window: open the activity from your course again.",
        "expired": "This link has expired or was already used. Go back to the course's window and press "
                   "“Open in a new window” again.",
        "checking": "Opening the activity…",
    },
    "ja": {
        "open": "新しいウィンドウで開く",
        "blocked": "お使いのブラウザーでは、コースのページの中でこの練習を開けません。"
                   "進み具合を保存するため、別のウィンドウで開いてください。",
        "failed": "新しいウィンドウを開けませんでした。コースからもう一度開いてください。",
        "expired": "このリンクは期限が切れたか、すでに使われています。コースのウィンドウに戻り、"
                   "もう一度「新しいウィンドウで開く」を押してください。",
        "checking": "練習を開いています…",
    },
    "vi": {
        "open": "Mở trong cửa sổ mới",
        "blocked": "Trình duyệt của bạn chặn bài tập này bên trong trang khóa học. Hãy mở bài trong một "
                   "cửa sổ riêng để lưu tiến độ học.",
        "failed": "Không mở được cửa sổ mới: hãy mở lại bài tập từ khóa học.",
        "expired": "Liên kết này đã hết hạn hoặc đã được dùng. Hãy quay lại cửa sổ khóa học và bấm "
                   "“Mở trong cửa sổ mới” lần nữa.",
        "checking": "Đang mở bài tập…",
    },
    "id": {
        "open": "Buka di jendela baru",
        "blocked": "Peramban Anda memblokir aktivitas ini di dalam halaman kursus. Buka di jendela "
                   "tersendiri agar kemajuan Anda tersimpan.",
        "failed": "Jendela baru tidak dapat dibuka: buka lagi aktivitas ini dari kursus Anda.",
        "expired": "Tautan ini sudah kedaluwarsa atau sudah dipakai. Kembali ke jendela kursus dan tekan "
                   "“Buka di jendela baru” lagi.",
        "checking": "Membuka aktivitas…",
    },
    "tl": {
        "open": "Buksan sa bagong window",
        "blocked": "Hinaharangan ng iyong browser ang aktibidad na ito sa loob ng pahina ng kurso. Buksan "
                   "ito sa sariling window para ma-save ang iyong progreso.",
        "failed": "Hindi mabuksan ang bagong window: buksan muli ang aktibidad mula sa iyong kurso.",
        "expired": "Nag-expire na o nagamit na ang link na ito. Bumalik sa window ng kurso at pindutin "
                   "muli ang “Buksan sa bagong window”.",
        "checking": "Binubuksan ang aktibidad…",
    },
    "my": {
        "open": "ဝင်းဒိုးအသစ်တွင် ဖွင့်ရန်",
        "blocked": "သင့်ဘရောက်ဇာသည် သင်တန်းစာမျက်နှာအတွင်း ဤလေ့ကျင့်ခန်းကို ပိတ်ထားသည်။ "
                   "သင်၏ တိုးတက်မှုကို သိမ်းထားနိုင်ရန် သီးခြားဝင်းဒိုးတစ်ခုတွင် ဖွင့်ပါ။",
        "failed": "ဝင်းဒိုးအသစ် ဖွင့်၍မရပါ။ သင်တန်းမှ လေ့ကျင့်ခန်းကို ထပ်မံဖွင့်ပါ။",
        "expired": "ဤလင့်ခ်သည် သက်တမ်းကုန်သွားပြီ သို့မဟုတ် အသုံးပြုပြီးဖြစ်သည်။ သင်တန်းဝင်းဒိုးသို့ "
                   "ပြန်သွားပြီး “ဝင်းဒိုးအသစ်တွင် ဖွင့်ရန်” ကို ထပ်နှိပ်ပါ။",
        "checking": "လေ့ကျင့်ခန်းကို ဖွင့်နေသည်…",
    },
}


def texts(language: str) -> dict[str, str]:
    return TEXTS.get(language, TEXTS["en"])


def _key(token: str) -> str:
    return f"lti-new-window-{token}"


def issue(launch_id: str, session_id: str | None) -> str:
    """A one-time token for ``launch_id`` (and the browser's PyLTI1p3 session, when over HTTPS)."""
    token = secrets.token_urlsafe(32)
    cache.set(_key(token), {"launch_id": launch_id, "session_id": session_id}, TOKEN_SECONDS)
    return token


def redeem(token: str) -> dict | None:
    """What ``issue`` stored, once; None when unknown, expired or already redeemed."""
    if not token or len(token) > 100:
        return None
    data = cache.get(_key(token))
    if data is None or not cache.delete(_key(token)):  # two windows racing: only one deletes it
        return None
    return data


def needs_cookie_check(request) -> bool:
    """A login inside an iframe over HTTPS that has not been checked yet."""
    params = request.GET if request.method == "GET" else request.POST
    return (request.is_secure() and request.headers.get("Sec-Fetch-Dest") == "iframe"
            and CHECKED_PARAM not in params)
