"""Where the synthetic audio of listening scripts and dialect dialogue lines is (run time, read only).

The files are made at build time by ``curriculum.build_audio`` (``nihongo content build-audio``, which
needs Open JTalk and opus-tools); at run time only their manifest is read, so the core needs neither.
A file's name carries a hash of its bytes, so a host can serve it with a year-long cache.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

AUDIO_DIR = Path(__file__).parent / "content" / "audio"
MANIFEST = AUDIO_DIR / "manifest.json"
MIME_TYPE = "audio/ogg"  # Ogg Opus, mono speech
#: Where a page's audio URL template takes the file's name; the names carry a hash of the bytes, so
#: a host serves them with a year-long cache (a learner downloads each file once).
AUDIO_PLACEHOLDER = "__AUDIO__"
CACHE_CONTROL = "public, max-age=31536000, immutable"
#: Shown beside every player: the voices are computer-made (Open JTalk), not recordings of people.
SYNTHETIC_NOTE = {
    "en": "Synthetic voice (computer speech)",
    "ja": "合成音声(コンピューターの声)",
    "vi": "Giọng đọc tổng hợp (máy tính)",
    "id": "Suara sintetis (suara komputer)",
    "tl": "Sintetikong boses (boses ng computer)",
    "my": "ကွန်ပျူတာ အသံ (ပေါင်းစပ်ထားသော အသံ)",
}


#: Beside the mock test's player: the exam plays each recording once, and so does the mock test.
ONCE_NOTE = {
    "en": "The audio plays once, as in the exam.",
    "ja": "しけんと おなじように、おんせいは 一回だけ ながれます。",
    "vi": "Âm thanh chỉ phát một lần, như trong kỳ thi thật.",
    "id": "Audio diputar satu kali saja, seperti dalam ujian.",
    "tl": "Isang beses lang tutugtog ang audio, gaya ng sa totoong exam.",
    "my": "တကယ့်စာမေးပွဲလိုပဲ အသံကို တစ်ကြိမ်သာ ဖွင့်ပါတယ်။",
}


def synthetic_note(language: str) -> str:
    return SYNTHETIC_NOTE.get(language, SYNTHETIC_NOTE["en"])


def once_note(language: str) -> str:
    return ONCE_NOTE.get(language, ONCE_NOTE["en"])


def dialect_key(expression_id: str, line: int) -> str:
    """The manifest key of one dialect dialogue line (0-based line number)."""
    return f"dialect/{expression_id}/{line}"


def read_manifest(path: Path = MANIFEST) -> dict:
    """{"files": {key: {"file", "bytes", "sha256", "seconds", "plan"}}, ...}; empty when not built."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"files": {}}


@lru_cache(maxsize=1)
def _files() -> dict[str, dict]:
    return read_manifest().get("files", {})


def audio_file(key: str) -> str | None:
    """The file (relative to ``AUDIO_DIR``) for a script stimulus ID or a ``dialect_key``, or None."""
    entry = _files().get(key)
    return entry["file"] if entry else None


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte of an HTTP ``Range: bytes=a-b`` header (one range), or None for the whole file."""
    if not header or not header.startswith("bytes=") or "," in header or size == 0:
        return None
    first, _, last = header[len("bytes="):].strip().partition("-")
    try:
        if not first:  # the last N bytes
            return max(0, size - int(last)), size - 1
        start, end = int(first), int(last) if last else size - 1
    except ValueError:
        return None
    return (start, min(end, size - 1)) if start <= end and start < size else None


def open_audio(name: str):
    """Open one shipped audio file by its relative name; refuses anything that is not in the manifest."""
    if name not in {entry["file"] for entry in _files().values()}:
        raise FileNotFoundError(name)
    return (AUDIO_DIR / name).open("rb")


def file_response(name: str, range_header: str | None) -> tuple[int, dict, bytes]:
    """(status, headers, body) for one shipped audio file; 404 for anything else (host-neutral)."""
    try:
        with open_audio(name) as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError):
        return 404, {"Content-Type": "text/plain"}, b"no such audio file"
    headers = {"Content-Type": MIME_TYPE, "Cache-Control": CACHE_CONTROL, "Accept-Ranges": "bytes"}
    span = byte_range(range_header, len(data))
    if span is None or span == (0, len(data) - 1):
        # the whole file (a player's first "bytes=0-"): a plain 200, which the browser's cache keeps whole
        # and serves every later play and range from, so a session downloads each file once
        return 200, headers, data
    start, end = span
    headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
    return 206, headers, data[start:end + 1]
