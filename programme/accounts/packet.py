"""The credentials packet: one AES-encrypted zip per company, its password sent another way.

It holds ``credentials.csv`` (login ID, role, name, initial password, where to sign in) and a short
guide in Japanese and English. Host upload files (Moodle, Canvas) hold passwords too, so they go in
the operator's own encrypted zip, never in plain files.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum import safe_cells
from programme.outbox.encryption import encrypted_zip

GUIDE = """\
Kagoshima Nihongo — ログイン情報 / Sign-in details

日本語
・credentials.csv に、学習者と担当者のログインIDと初期パスワードがあります。
・本人に、本人の行だけを手渡しで伝えてください。メールで転送しないでください。
・初めてログインすると、パスワードの変更を求められます。
・ログインの画面: {login_url}
・このファイルは確認後に削除してください。

English
・credentials.csv lists each learner's and manager's login ID and first password.
・Give each person only their own line, in person. Do not forward it by e-mail.
・At the first sign-in everyone must choose a new password.
・Sign in at: {login_url}
・Delete this file once everyone has signed in.
"""


@dataclass(frozen=True)
class Row:
    login_id: str
    role: str
    name: str
    password: str
    host_note: str = ""  # what the host LMS holds for this person (its password, or why not)


def credentials_csv(rows: list[Row], login_url: str) -> bytes:
    # The BOM lets Excel read the Japanese; names pass through the safe-cell rule. The host's line per
    # person (whether the LMS holds this password) only when a host was provisioned.
    notes = any(r.host_note for r in rows)
    return safe_cells.csv_bytes(
        ["login_id", "role", "name", "initial_password", "sign_in_at"] + (["lms_account"] if notes else []),
        ([r.login_id, r.role, r.name, r.password, login_url] + ([r.host_note] if notes else [])
         for r in rows),
        bom=True)


def build(rows: list[Row], password: str, login_url: str, extra: dict[str, bytes] | None = None) -> bytes:
    files = {"credentials.csv": credentials_csv(rows, login_url),
             "README.txt": GUIDE.format(login_url=login_url).encode("utf-8")}
    files.update(extra or {})
    return encrypted_zip(files, password)
