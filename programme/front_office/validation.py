"""What the public entry form accepts as a name, an address line and an e-mail address.

Pure functions (no Django): the form calls them for its messages, and ``flows.submit_application``
calls them again, so no path stores a row the form would refuse. Each refusal raises ``ValueError``
with a bilingual message that says what to fix.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that show nothing although Unicode calls them letters or symbols (Hangul fillers, the
#: blank Braille pattern, the Mongolian vowel separator, the combining grapheme joiner).
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")
#: Control, format (bidi overrides, zero-width), private-use, surrogate and unassigned code points,
#: and the line and paragraph separators.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
#: Top-level domains that never deliver mail (RFC 2606, RFC 6761, RFC 6762, RFC 7686) or are private.
UNDELIVERABLE_TLDS = frozenset({"invalid", "test", "example", "localhost", "local", "onion", "internal",
                                "lan", "home", "corp", "localdomain"})
LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

BAD_CHARACTERS = ("見えない文字・制御文字・書字方向の制御文字は使えません。 / "
                  "Remove invisible, control or text-direction characters.")
NOTHING_VISIBLE = "文字を入力してください。 / Type the name in letters."
BAD_EMAIL = ("届くメールアドレスを入力してください（例: tanaka@example.co.jp）。 / "
             "Enter an e-mail address that can receive mail (e.g. tanaka@example.co.jp).")


def clean_text(value: str, max_length: int = 200) -> str:
    """A name or an address line as people see it: NFC, single spaces, nothing hidden in it."""
    text = unicodedata.normalize("NFC", str(value))
    if any(unicodedata.category(ch) in REFUSED_CATEGORIES or ch in INVISIBLE for ch in text):
        raise ValueError(BAD_CHARACTERS)
    text = " ".join(text.split())
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise ValueError(NOTHING_VISIBLE)
    if len(text) > max_length:
        raise ValueError(f"{max_length}文字以内にしてください。 / Use at most {max_length} characters.")
    return text


def clean_email(value: str) -> str:
    """An address a mail server can deliver to: a plain local part and a public DNS name.

    Refused: quoted or non-ASCII local parts, IP literals, single-label and reserved domains
    (``.invalid``, ``.test``, ``.example``, ``.local`` ...), and anything over the SMTP limits.
    The domain may be internationalised; it is stored in its ASCII (IDNA) form.
    """
    text = str(value).strip()
    if text.count("@") != 1 or len(text) > 254 or any(ch.isspace() for ch in text):
        raise ValueError(BAD_EMAIL)
    local, domain = text.split("@")
    if not local or len(local) > 64 or not LOCAL_PART.match(local):
        raise ValueError(BAD_EMAIL)
    try:
        domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        raise ValueError(BAD_EMAIL) from None
    labels = domain.split(".")
    if len(labels) < 2 or len(domain) > 253 or not all(LABEL.match(label) for label in labels):
        raise ValueError(BAD_EMAIL)
    if labels[-1] in UNDELIVERABLE_TLDS or labels[-1].isdigit() or len(labels[-1]) < 2:
        raise ValueError(BAD_EMAIL)
    return f"{local}@{domain}"


def same_person(name: str) -> str:
    """The key that makes two spellings of one name the same learner (case, width, spaces)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
