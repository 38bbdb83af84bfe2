"""``nihongo content build-audio``: synthesize the listening scripts and dialect lines (build time only).

Nothing at run time imports this module: the core reads the result through ``curriculum.audio``.
It needs Debian's ``open-jtalk``, ``open-jtalk-mecab-naist-jdic``, ``hts-voice-nitech-jp-atr503-m001``
(contrib) and ``opus-tools``, plus the "Mei" voice that the pyopenjtalk source distribution ships
(fetched once with pip into a cache folder and checked against a pinned hash).

How a script becomes audio:

1. ``plan()`` turns a script into segments (voice, text, pause after), pure and testable: the
   narration (lines without a speaker) in the narrator's voice; 男 in the male voice, 女 in the
   female voice, any other speaker (課長, 店の人, 先輩…) in the next free male or female voice, so
   every speaker of a script sounds different (voice model, pitch, speed); pauses between turns;
   the question is read where the script has it (before and after for task and point
   comprehension, after for the others, as in the exam); for the types whose choices the exam reads
   aloud (発話表現, 即時応答, 概要理解) the choices are read after the script, numbered.
2. Open JTalk speaks each segment to a 48 kHz WAV; the segments and silences are joined.
3. ``opusenc`` encodes it as mono Ogg Opus at a speech bit rate (12 kbit/s; lower for a long script
   so every file stays under ``MAX_BYTES``), with a fixed stream serial number, so the same input
   gives the same bytes.

The manifest (``content/audio/manifest.json``) records each file with its size, SHA-256, length
and the hash of its plan; the tests check the committed files against it and the plans against
the current scripts (so an edited script whose audio was not rebuilt fails with a clear message).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import wave
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from . import dialect as dialect_module
from .audio import AUDIO_DIR, MANIFEST, dialect_key, read_manifest
from .bank import CONTENT_DIR, bank_files, load_file
from .furigana import segments as furigana_segments
from .item_types import TYPES, Stimulus

#: Bump when the plan rules, voices or encoding change: every file is then rebuilt.
PIPELINE_VERSION = 1
MAX_BYTES = 60_000  # one listening item's audio (issue 18)
TARGET_BYTES = 58_000  # what the encoder aims under, leaving room for the Ogg framing
BITRATE_KBPS = 10  # Opus (SILK wideband) at a speech rate; lowered for long scripts to fit TARGET_BYTES
MIN_BITRATE_KBPS = 4.5  # Opus's floor (narrowband): only the longest N2 scripts come down to it
FRAME_MS = 60  # Opus's longest frame: the least overhead per second at these rates
SAMPLE_RATE = 48_000  # both HTS voices' rate

DICTIONARY = Path("/var/lib/mecab/dic/open-jtalk/naist-jdic")
MALE_VOICE = Path("/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice")
MEI_PACKAGE = "pyopenjtalk==0.4.1"
MEI_SDIST_SHA256 = "d5ada46f7fc2b52c1c79c273eb9668ff6ad7ab276a8db9d8be119ef93440f0dc"
MEI_MEMBER = "pyopenjtalk-0.4.1/pyopenjtalk/htsvoice/mei_normal.htsvoice"
MEI_LICENCE_MEMBER = "pyopenjtalk-0.4.1/pyopenjtalk/htsvoice/LICENSE_mei_normal.htsvoice"

#: The exam reads these types' choices aloud (they are also printed on our screen).
READ_CHOICES = {"utterance_expression", "quick_response", "summary_listening"}
CHOICE_NUMBERS = ("いち", "に", "さん", "よん")
LISTENING_TYPES = frozenset(t.value for t, info in TYPES.items() if info.stimulus is Stimulus.SCRIPT)

PAUSE_TURN_MS = 600  # between two speakers' turns
PAUSE_NARRATION_MS = 1200  # after a narrator's line (the situation, the question)
PAUSE_BEFORE_CHOICES_MS = 1500
PAUSE_CHOICE_MS = 700


class AudioBuildError(RuntimeError):
    """A missing tool or voice, or a failed synthesis; the message says what to install or fix."""


@dataclass(frozen=True)
class Voice:
    model: str  # "mei" (female, pyopenjtalk's sdist) or "m001" (male, Debian)
    half_tones: float  # Open JTalk -fm
    speed: float  # -r
    alpha: float  # -a, all-pass constant: the timbre
    gain_db: float = 0.0  # -g

    def arguments(self) -> list[str]:
        return ["-fm", f"{self.half_tones:g}", "-r", f"{self.speed:g}", "-a", f"{self.alpha:g}",
                "-g", f"{self.gain_db:g}"]


VOICES = {
    # Mei is about 6 dB louder than M001: both are brought to the same loudness without clipping
    "narrator": Voice("mei", -2.0, 0.95, 0.57, -3.0),  # calm, lower and slower: the exam's announcer
    "female": Voice("mei", 0.0, 1.0, 0.55, -2.0),
    "female2": Voice("mei", 2.5, 1.05, 0.52, -2.5),
    "male": Voice("m001", 0.0, 1.0, 0.55, 4.0),
    "male2": Voice("m001", -2.5, 0.95, 0.58, 4.0),
}
_MALE_SLOTS, _FEMALE_SLOTS = ("male", "male2"), ("female", "female2")


@dataclass(frozen=True)
class Segment:
    voice: str
    text: str  # what Open JTalk reads: kana readings of the furigana, no spaces
    pause_ms: int  # silence after it
    speed: float = 1.0  # times the voice's speed: the level's speaking rate


def spoken(text: str) -> str:
    """The text as Open JTalk should read it: the furigana's readings, without the spaces of N5 writing."""
    read = "".join(r or base for base, r in furigana_segments(text))
    return "".join(read.split())


def _split_speaker(line: str) -> tuple[str | None, str]:
    for mark in ("：", ":"):
        head, sep, rest = line.partition(mark)
        if sep and 0 < len(head) <= 10 and not any(c.isspace() for c in head) and "。" not in head:
            return head, rest
    return None, line


def _voices_for(speakers: Iterable[str]) -> dict[str, str]:
    """男 → male, 女 → female, others → the next free slot of the less used sex (male first)."""
    assigned: dict[str, str] = {}
    order = list(dict.fromkeys(speakers))
    if "男" in order:
        assigned["男"] = "male"
    if "女" in order:
        assigned["女"] = "female"
    for speaker in order:
        if speaker in assigned:
            continue
        used = set(assigned.values())
        free_m = [v for v in _MALE_SLOTS if v not in used]
        free_f = [v for v in _FEMALE_SLOTS if v not in used]
        n_m, n_f = len(_MALE_SLOTS) - len(free_m), len(_FEMALE_SLOTS) - len(free_f)
        pool = (free_m if (n_m <= n_f and free_m) or not free_f else free_f) or list(_MALE_SLOTS)
        assigned[speaker] = pool[0]
    return assigned


#: Speaking rate by level, times each voice's own: slower at N5, near natural speed at N2 (as the exams).
LEVEL_SPEED = {"N5": 0.95, "N4": 1.0, "N3": 1.05, "N2": 1.1, "JFT-A1": 0.95, "JFT-A2": 1.0}
DIALECT_SPEED = 0.95


def plan_script(text: str, item_type: str | None = None, choices: list[str] | None = None,
                level: str | None = None) -> list[Segment]:
    """The segments of one listening script (and its choices when the exam reads them)."""
    speed = LEVEL_SPEED.get(level or "", 1.0)
    return [Segment(s.voice, s.text, s.pause_ms, speed) for s in _plan(text, item_type, choices)]


def _plan(text: str, item_type: str | None, choices: list[str] | None) -> list[Segment]:
    lines = [(speaker, body.strip()) for speaker, body in map(_split_speaker, text.split("\n"))
             if body.strip()]
    voices = _voices_for(s for s, _ in lines if s)
    segments = []
    for index, (speaker, body) in enumerate(lines):
        voice = voices[speaker] if speaker else "narrator"
        last = index == len(lines) - 1
        nxt = lines[index + 1][0] if not last else None
        pause = 0 if last else PAUSE_NARRATION_MS if speaker is None or nxt is None else PAUSE_TURN_MS
        segments.append(Segment(voice, spoken(body), pause))
    if item_type in READ_CHOICES and choices:
        segments[-1] = Segment(segments[-1].voice, segments[-1].text, PAUSE_BEFORE_CHOICES_MS)
        if item_type == "summary_listening":
            answerer = "narrator"
        elif item_type == "quick_response":  # the reply: the other sex than the one who spoke
            answerer = "male" if segments[-1].voice.startswith("female") else "female"
        else:  # 発話表現: the person in the situation
            answerer = "male" if "女" in voices else "female"
        for number, choice in zip(CHOICE_NUMBERS, choices, strict=False):
            segments.append(Segment("narrator", number, 300))
            segments.append(Segment(answerer, spoken(choice), PAUSE_CHOICE_MS))
        segments[-1] = Segment(segments[-1].voice, segments[-1].text, 0)
    return segments


def dialect_voices(speakers: Iterable[str]) -> dict[str, str]:
    """A dialogue's voices: わたし (the learner) female, the Kagoshima speakers male first, all different."""
    order = list(dict.fromkeys(speakers))
    local = [s for s in order if s != "わたし"]
    voices = dict(zip(local, ("male", "male2", "female2"), strict=False))
    voices.update({s: "narrator" for s in local[3:]})
    if "わたし" in order:
        voices["わたし"] = "female"
    return voices


def spoken_line(line: dict) -> str:
    """What a dialect line's recording reads: its ``say`` (kana Open JTalk reads right) when the line's
    own text is misread (`nihongo content check-readings`), else ``ja``."""
    return line.get("say") or line["ja"]


def plan_dialect_line(voice: str, text: str) -> list[Segment]:
    """One dialect line, read with the standard accent (the only one the voices have)."""
    return [Segment(voice, spoken(text), 0, DIALECT_SPEED)]


def plan_hash(segments: list[Segment]) -> str:
    data = {"pipeline": PIPELINE_VERSION, "bitrate": BITRATE_KBPS, "frame_ms": FRAME_MS,
            "voices": {name: asdict(VOICES[name]) for name in sorted({s.voice for s in segments})},
            "segments": [asdict(s) for s in segments]}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Job:
    key: str  # manifest key: the script stimulus ID, or dialect/<expression>/<line>
    folder: str  # "listening" or "dialect"
    segments: tuple[Segment, ...]

    @property
    def plan(self) -> str:
        return plan_hash(list(self.segments))


def listening_jobs(content_dir: Path = CONTENT_DIR) -> list[Job]:
    """One job per listening script of the bank, in a stable order."""
    jobs: dict[str, Job] = {}
    for path in bank_files(content_dir):
        items, stimuli = load_file(path)
        users: dict[str, list] = {}
        for item in items:
            if item.type.value in LISTENING_TYPES and item.stimulus:
                users.setdefault(item.stimulus, []).append(item)
        for stimulus_id, its in users.items():
            one = its[0] if len(its) == 1 else None  # a shared script: its choices are not read
            segments = plan_script(stimuli[stimulus_id]["text"], one and one.type.value,
                                   one and list(one.choices), its[0].level.value)
            jobs[stimulus_id] = Job(stimulus_id, "listening", tuple(segments))
    return [jobs[k] for k in sorted(jobs)]


def dialect_jobs(folder: Path | None = None) -> list[Job]:
    content = dialect_module.load(folder) if folder else dialect_module.default_content()
    jobs = []
    for expression in sorted(content.expressions.values(), key=lambda e: e.id):
        voices = dialect_voices(line.get("speaker", "") for line in expression.dialogue)
        for number, line in enumerate(expression.dialogue):
            jobs.append(Job(dialect_key(expression.id, number), "dialect",
                            tuple(plan_dialect_line(voices[line.get("speaker", "")], spoken_line(line)))))
    return jobs


def all_jobs(content_dir: Path = CONTENT_DIR) -> list[Job]:
    dialect_folder = Path(content_dir) / "dialect"
    return listening_jobs(content_dir) + (dialect_jobs(dialect_folder) if dialect_folder.is_dir() else [])


# --- synthesis (needs the tools) -------------------------------------------------------------

def _fetch_mei(cache: Path) -> Path:
    """mei_normal.htsvoice from the pinned pyopenjtalk sdist (downloaded once into ``cache``)."""
    target = cache / "mei_normal.htsvoice"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        requirement = Path(tmp) / "req.txt"
        requirement.write_text(f"{MEI_PACKAGE} --hash=sha256:{MEI_SDIST_SHA256}\n")
        # pyopenjtalk itself as a source distribution (its build tools as wheels, for pip's metadata step)
        run = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                              "--no-binary", "pyopenjtalk", "--require-hashes", "-r", str(requirement),
                              "-d", tmp], capture_output=True, text=True)
        if run.returncode:
            raise AudioBuildError(f"could not download the Mei voice ({MEI_PACKAGE} sdist): "
                                  f"{run.stderr[-800:]}")
        (sdist,) = Path(tmp).glob("pyopenjtalk-*.tar.gz")
        with tarfile.open(sdist) as tar:
            for member, name in ((MEI_MEMBER, target.name),
                                 (MEI_LICENCE_MEMBER, "LICENSE_mei_normal.htsvoice")):
                data = tar.extractfile(member).read()
                (cache / name).write_bytes(data)
    return target


@dataclass
class Tools:
    open_jtalk: str
    opusenc: str
    voices: dict[str, Path]  # model → .htsvoice
    versions: str


def find_tools(cache: Path, mei_voice: Path | None = None) -> Tools:
    missing = [name for name in ("open_jtalk", "opusenc") if not shutil.which(name)]
    if not DICTIONARY.is_dir():
        missing.append(f"{DICTIONARY} (open-jtalk-mecab-naist-jdic)")
    if not MALE_VOICE.exists():
        missing.append(f"{MALE_VOICE} (hts-voice-nitech-jp-atr503-m001, Debian contrib)")
    if missing:
        raise AudioBuildError("missing: " + ", ".join(missing) + ". Install Debian's open-jtalk "
                              "open-jtalk-mecab-naist-jdic hts-voice-nitech-jp-atr503-m001 opus-tools "
                              "(see .ci/run).")
    mei = Path(mei_voice) if mei_voice else _fetch_mei(cache)
    version = subprocess.run(["opusenc", "--version"], capture_output=True, text=True).stdout.splitlines()
    return Tools(shutil.which("open_jtalk"), shutil.which("opusenc"), {"mei": mei, "m001": MALE_VOICE},
                 version[0] if version else "opusenc")


def _synthesize(tools: Tools, segment: Segment, tmp: Path) -> bytes:
    """16-bit mono PCM at 48 kHz for one segment."""
    voice = VOICES[segment.voice]
    text, out = tmp / "in.txt", tmp / "out.wav"
    text.write_text(segment.text + "\n", encoding="utf-8")
    arguments = voice.arguments()
    arguments[3] = f"{voice.speed * segment.speed:g}"  # -r: the voice's speed times the level's
    run = subprocess.run([tools.open_jtalk, "-x", str(DICTIONARY), "-m", str(tools.voices[voice.model]),
                          *arguments, "-ow", str(out), str(text)], capture_output=True)
    if run.returncode or not out.exists():
        raise AudioBuildError(f"open_jtalk failed on {segment.text!r}: {run.stderr.decode(errors='replace')}")
    with wave.open(str(out)) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SAMPLE_RATE):
            raise AudioBuildError(f"unexpected WAV from open_jtalk: {w.getparams()}")
        frames = w.readframes(w.getnframes())
    out.unlink()
    return frames


def _encode(tools: Tools, pcm: bytes, job: Job, tmp: Path) -> bytes:
    source = tmp / "joined.wav"
    with wave.open(str(source), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm)
    serial = zlib.crc32(job.key.encode()) & 0x7FFFFFFF
    bitrate = BITRATE_KBPS
    while True:
        out = tmp / "out.opus"
        run = subprocess.run([tools.opusenc, "--quiet", "--speech", "--bitrate", f"{bitrate:g}",
                              "--comp", "10", "--framesize", str(FRAME_MS),
                              "--serial", str(serial), "--padding", "0", "--title", job.key,
                              "--comment", "COMMENT=Synthetic speech (Open JTalk; HTS voices Mei and "
                              "NIT ATR503 M001, CC BY 3.0); Kagoshima Nihongo, CC BY-SA 4.0",
                              str(source), str(out)], capture_output=True)
        if run.returncode:
            raise AudioBuildError(f"opusenc failed for {job.key}: {run.stderr.decode(errors='replace')}")
        data = out.read_bytes()
        if len(data) <= TARGET_BYTES or bitrate <= MIN_BITRATE_KBPS:
            return data
        bitrate = max(MIN_BITRATE_KBPS, round(bitrate * TARGET_BYTES / len(data) - 0.25, 1))


def build_job(tools: Tools, job: Job, cache: dict[Segment, bytes] | None = None) -> tuple[bytes, float]:
    """The Opus bytes of one job and its length in seconds."""
    cache = {} if cache is None else cache
    silence = b"\0\0"
    pcm = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        for segment in job.segments:
            if segment.text:
                key = Segment(segment.voice, segment.text, 0, segment.speed)
                if key not in cache:
                    cache[key] = _synthesize(tools, key, Path(tmp))
                pcm.write(cache[key])
            pcm.write(silence * (SAMPLE_RATE * segment.pause_ms // 1000))
        raw = pcm.getvalue()
        return _encode(tools, raw, job, Path(tmp)), round(len(raw) / 2 / SAMPLE_RATE, 2)


def file_name(job: Job, data: bytes) -> str:
    safe = job.key.replace("/", "-")
    if job.folder == "dialect":
        safe = safe.removeprefix("dialect-")
    return f"{job.folder}/{safe}.{hashlib.sha256(data).hexdigest()[:10]}.opus"


def build(content_dir: Path = CONTENT_DIR, audio_dir: Path = AUDIO_DIR, *, cache: Path, force: bool = False,
          only: set[str] | None = None, mei_voice: Path | None = None, workers: int = 1,
          say: Callable[[str], None] = lambda _: None) -> dict:
    """Build what is missing or stale (all with ``force``); remove files no job needs; write the manifest.

    ``workers`` synthesize that many files at once (the bytes do not depend on it)."""
    jobs = all_jobs(content_dir)
    manifest_path = Path(audio_dir) / MANIFEST.name
    old = read_manifest(manifest_path).get("files", {})
    tools = find_tools(Path(cache), mei_voice)
    files: dict[str, dict] = {}
    todo = []
    for job in jobs:
        entry = old.get(job.key)
        fresh = (entry and entry["plan"] == job.plan and (Path(audio_dir) / entry["file"]).exists())
        wanted = (force or not fresh) if only is None else job.key in only
        if wanted:
            todo.append(job)
        elif entry:
            files[job.key] = entry
    segment_cache: dict[Segment, bytes] = {}

    def make(job: Job) -> None:
        data, seconds = build_job(tools, job, segment_cache)
        name = file_name(job, data)
        (Path(audio_dir) / name).parent.mkdir(parents=True, exist_ok=True)
        (Path(audio_dir) / name).write_bytes(data)
        files[job.key] = {"file": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                          "seconds": seconds, "plan": job.plan}
        say(f"{job.key}: {len(data)} bytes, {seconds} s")

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:  # each job runs its own processes
        list(pool.map(make, todo))
    built = len(todo)
    keep = {entry["file"] for entry in files.values()}
    for path in sorted(Path(audio_dir).glob("*/*.opus")):
        if path.relative_to(audio_dir).as_posix() not in keep:
            path.unlink()
    manifest = {
        "about": "Synthetic speech for listening scripts and dialect dialogue lines; built by "
                 "`nihongo content build-audio` (curriculum/build_audio.py). Do not edit by hand.",
        "pipeline": PIPELINE_VERSION,
        "encoder": f"{tools.versions}, Ogg Opus mono, {BITRATE_KBPS} kbit/s, {FRAME_MS} ms frames "
                   "(a lower rate for long scripts)",
        "voices": {name: asdict(v) for name, v in VOICES.items()},
        "files": dict(sorted(files.items())),
    }
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    say(f"{built} built, {len(files)} in the manifest")
    return manifest


# --- what Open JTalk reads (build time): `nihongo content check-readings` ---------------------------

#: Misreadings of Open JTalk's NAIST-jdic analysis found in our scripts, as patterns over its words
#: ("surface=pronunciation", space-separated, accent marks removed), each with the fix to write. Not found
#: here, check by ear: 方 read ほう where it means a person (かた), and は taken as a particle inside a
#: word written in kana (ほうきではけば → でわけば, にはたけ → にわたけ).
_COUNTERS = "ばん|番|まい|枚|人|時|じ|ようび|曜日|曜|回|階|年|日|歳|さい|本|円|分|ふん|ぷん|こ|個|台|箱|週間"
MISREADINGS = (
    (r"九=キュー (時|じ)=", "9時 read キュージ: write {9|く}じ"),
    (r"四=ヨン (時|じ)=", "4時 read ヨンジ: write {4|よ}じ"),
    (r"十=ジュー (ぷん|こ|分=プン)", "…10ぷん/…10こ read ジュープン/ジューコ: write {30|さんじゅっ}ぷん"),
    (r" 日本(人)?=ニッポン", "日本 read ニッポン: write {日本|にほん}, {日本人|にほんじん}"),
    (r"島=トー", "…島 read トー (桜島 → サクラトー): give the reading, {桜島|さくらじま}"),
    (r"降り=オリ そう=", "降りそう (rain) read おりそう: write {降|ふ}りそう"),
    (rf"何=ナニ ({_COUNTERS}|です|でしょ)=", "何 before a counter or です read なに: write {何|なん}"),
    (r"分=ワケ", "分 read わけ: give the reading, その{分|ぶん}"),
    (r"(この|その)間=(コノ|ソノ)カン", "この間/その間 read このかん: write {この間|このあいだ}"),
    (r"着い=チャクイ", "着いて read ちゃくいて: write {着|つ}いて"),
    (r" 上=ジョー ", "上 read じょう: write {上|うえ}"),
    (r" 前=ゼン ", "前 read ぜん (前は… taken as 前+はさん): write 前は、…"),
    (r"茶畑=チャバタ ", "茶畑 read ちゃばた: write {茶畑|ちゃばたけ}"),
    (r"朝や=チョーヤ", "朝や… read ちょうや: write {朝|あさ}や"),
    (r"明日=ミョーニチ", "明日 read みょうにち: give the reading"),
    (r"今日=コンニチ", "今日 read こんにち: give the reading"),
    (r"上手=ウワテ", "上手 read うわて: write {上手|じょうず}"),
)
#: Kagoshima place names as they must sound (Open JTalk reads 出水 しゅっすい, 垂水 たるみ, 桜島 さくらとう).
PLACE_READINGS = {
    "鹿児島": "カゴシマ", "桜島": "サクラジマ", "霧島": "キリシマ", "天文館": "テンモンカン",
    "指宿": "イブスキ", "薩摩": "サツマ", "知覧": "チラン", "垂水": "タルミズ",
    "出水": "イズミ", "阿久根": "アクネ", "屋久島": "ヤクシマ", "種子島": "タネガシマ",
    "奄美": "アマミ", "錦江湾": "キンコーワン", "開聞岳": "カイモンダケ", "川内": "センダイ",
    "姶良": "アイラ", "枕崎": "マクラザキ", "甑島": "コシキジマ", "志布志": "シブシ",
    "鹿屋": "カノヤ", "日置": "ヒオキ", "大隅": "オースミ", "谷山": "タニヤマ",
}


def readings(text: str) -> list[tuple[str, str]]:
    """Open JTalk's analysis of one segment's text: (surface, pronunciation) per word, as it speaks it."""
    with tempfile.TemporaryDirectory() as tmp:
        source, trace = Path(tmp) / "in.txt", Path(tmp) / "trace.txt"
        source.write_text(text + "\n", encoding="utf-8")
        # -r 10: the same analysis with a tenth of the synthesis (the speech itself is thrown away)
        subprocess.run([shutil.which("open_jtalk") or "open_jtalk", "-x", str(DICTIONARY), "-m",
                        str(MALE_VOICE), "-r", "10", "-ot", str(trace), "-ow", str(Path(tmp) / "out.wav"),
                        str(source)], capture_output=True)
        if not trace.exists():
            raise AudioBuildError(f"open_jtalk could not analyse {text!r}")
        analysis = trace.read_text(encoding="utf-8", errors="replace").split("[Output label]")[0]
    words = []
    for line in analysis.splitlines():
        fields = line.split(",")
        if len(fields) > 10 and not line.startswith("["):
            words.append((fields[0], fields[9].replace("’", "")))
    return words


def kana_words(content_dir: Path = CONTENT_DIR) -> frozenset[str]:
    """The furigana readings of two or more kana that begin with は or へ ({畑|はたけ}, {隼人|はやと}): in
    a script they reach Open JTalk as kana, which may take their は for the particle (にはたけ → にわたけ)."""
    found: set[str] = set()
    for folder in ("authored", "dialect"):
        for path in sorted((Path(content_dir) / folder).glob("*.json")):
            found.update(re.findall(r"\{[^{}|]+\|([はへ][^{}|]+)\}", path.read_text(encoding="utf-8")))
    return frozenset(found)


def misreadings(text: str, words: list[tuple[str, str]] | None = None,
                kana: Iterable[str] = ()) -> list[str]:
    """What Open JTalk misreads in one segment's text (``spoken`` text, as a job holds it); ``kana``:
    words given as furigana readings that begin with は or へ (``kana_words``)."""
    words = readings(text) if words is None else words
    joined = " " + " ".join(f"{surface}={reading}" for surface, reading in words) + " "
    found = [why for pattern, why in MISREADINGS if re.search(pattern, joined)]
    for index, (surface, reading) in enumerate(words[:-1]):
        if (surface, reading) not in (("は", "ワ"), ("へ", "エ")) or words[index + 1][0] == "い":  # にはいる
            continue
        following = "".join(s for s, _r in words[index:])
        hit = next((w for w in sorted(kana) if w[0] == surface and following.startswith(w)
                    and w[1:].startswith(words[index + 1][0])), None)
        if hit:
            found.append(f"{hit} read with the particle {reading} (…ではやと → でわやと): "
                         "put a comma or another word before it")
    pronounced = "".join(reading for _surface, reading in words)
    found += [f"{place} not read {reading}: write {{{place}|…}}" for place, reading in PLACE_READINGS.items()
              if place in text and reading not in pronounced]
    return found


def check_readings(jobs: Iterable[Job], workers: int = 2) -> list[tuple[str, str, list[str]]]:
    """(job key, segment text, misreadings) for every segment Open JTalk misreads."""
    jobs = list(jobs)
    find_tools_for_readings()
    texts = sorted({s.text for job in jobs for s in job.segments if s.text})
    kana = sorted(kana_words())
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = dict(zip(texts, pool.map(lambda text: misreadings(text, kana=kana), texts), strict=True))
    out, seen = [], set()
    for job in jobs:
        for segment in job.segments:
            if found.get(segment.text) and (job.key, segment.text) not in seen:
                seen.add((job.key, segment.text))
                out.append((job.key, segment.text, found[segment.text]))
    return out


def find_tools_for_readings() -> None:
    missing = [] if shutil.which("open_jtalk") else ["open_jtalk"]
    missing += [str(p) for p in (DICTIONARY, MALE_VOICE) if not Path(p).exists()]
    if missing:
        raise AudioBuildError("missing: " + ", ".join(missing) + ". Install Debian's open-jtalk "
                              "open-jtalk-mecab-naist-jdic hts-voice-nitech-jp-atr503-m001 (see .ci/run).")


def default_cache() -> Path:
    return Path(os.environ.get("NIHONGO_AUDIO_CACHE", Path.cwd() / "var" / "audio-build"))
