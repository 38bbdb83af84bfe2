"""A course plan as Open edX OLX, packed as the ``.tar.gz`` Studio imports (Tools → Import).

Layout (openedx_facts.md §2.1): one top folder ``course/`` holding ``course.xml``, the run file
``course/<run>.xml`` (with ``advanced_modules``), ``chapter/``, ``sequential/``, ``vertical/`` (our
blocks inline, settings as attributes: custom blocks cannot have their own folder, §1.10),
``policies/<run>/policy.json`` and ``grading_policy.json``, and ``about/overview.html`` with the
content attribution. Files are written in sorted order with fixed times, so two builds of the same
plan are byte-identical.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import tarfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from curriculum.bank import CONTENT_DIR
from curriculum.course_plan import CoursePlan

TOP = "course"
ATTRIBUTION = CONTENT_DIR / "ATTRIBUTION.md"
#: Every file's time in the archive (and the gzip header's): 2026-01-01 00:00 UTC.
FIXED_MTIME = 1767225600


@dataclass(frozen=True)
class Built:
    """What a build wrote, for the CLI's summary."""

    path: Path
    chapters: int
    units: int
    blocks: int
    counts: dict


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=False) + b"\n"


def setting_string(value) -> str:
    """A setting as XBlock reads it back (``Field.from_string``): strings as they are, the rest as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def files(course: CoursePlan) -> dict[str, bytes]:
    """Every file of the OLX tree, path (inside ``course/``) → bytes."""
    out: dict[str, bytes] = {}
    out["course.xml"] = _xml(ET.Element("course", {"url_name": course.run, "org": course.org,
                                                   "course": course.number}))
    run = ET.Element("course", {"display_name": course.title,
                                "advanced_modules": json.dumps(list(course.tags)),
                                "language": "ja"})
    for chapter in course.chapters:
        ET.SubElement(run, "chapter", {"url_name": chapter.url_name})
        chapter_el = ET.Element("chapter", {"display_name": chapter.title})
        for subsection in chapter.subsections:
            ET.SubElement(chapter_el, "sequential", {"url_name": subsection.url_name})
            attrs = {"display_name": subsection.title}
            if subsection.graded_as:
                attrs.update(graded="true", format=subsection.graded_as)
            seq_el = ET.Element("sequential", attrs)
            for unit in subsection.units:
                ET.SubElement(seq_el, "vertical", {"url_name": unit.url_name})
                vertical = ET.Element("vertical", {"display_name": unit.title})
                for activity in unit.activities:
                    attrs = {"url_name": activity.url_name, "xblock-family": "xblock.v1"}
                    attrs.update({name: setting_string(value) for name, value in activity.settings.items()})
                    ET.SubElement(vertical, activity.kind, attrs)
                out[f"vertical/{unit.url_name}.xml"] = _xml(vertical)
            out[f"sequential/{subsection.url_name}.xml"] = _xml(seq_el)
        out[f"chapter/{chapter.url_name}.xml"] = _xml(chapter_el)
    out[f"course/{course.run}.xml"] = _xml(run)
    policy = {f"course/{course.run}": {
        "display_name": course.title,
        "advanced_modules": list(course.tags),
        "language": "ja",
        # Companies' groups run as CCX (custom courses) once the LMS has FEATURES CUSTOM_COURSES_EDX.
        "enable_ccx": True,
    }}
    grading = {
        "GRADER": [{"type": t.name, "short_label": t.short_label, "min_count": t.min_count,
                    "drop_count": t.drop_count, "weight": t.weight} for t in course.grading],
        "GRADE_CUTOFFS": {"Pass": course.pass_mark},
    }
    out[f"policies/{course.run}/policy.json"] = _json(policy)
    out[f"policies/{course.run}/grading_policy.json"] = _json(grading)
    out["policies/assets.json"] = _json({})
    out["about/overview.html"] = overview(course).encode("utf-8")
    out["about/short_description.html"] = (html.escape(course.description) + "\n").encode("utf-8")
    return out


def _json(data) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def overview(course: CoursePlan) -> str:
    """The course's about page: what it is, then the content attribution (ATTRIBUTION.md)."""
    parts = ['<section class="about">', "  <h2>About this course</h2>",
             f"  <p>{html.escape(course.description)}</p>", "</section>",
             '<section class="attribution">', markdown_html(ATTRIBUTION.read_text(encoding="utf-8")),
             "</section>"]
    return "\n".join(parts) + "\n"


_INLINE = (
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"(?<![\"=>])(https?://[^\s|)<]+[^\s|)<.,;])"), r'<a href="\1">\1</a>'),
)


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def markdown_html(text: str) -> str:
    """The little Markdown ATTRIBUTION.md uses (headings, paragraphs, tables, lists) as HTML."""
    out: list[str] = []
    block: list[str] = []

    def flush():
        if not block:
            return
        if block[0].startswith("|"):
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block
                    if not re.fullmatch(r"\|[\s|:-]+\|", line.strip())]
            head, body = rows[0], rows[1:]
            cells = "".join(f"<th>{_inline(c)}</th>" for c in head)
            out.append(f"<table><thead><tr>{cells}</tr></thead>")
            out.append("<tbody>" + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>"
                                          for row in body) + "</tbody></table>")
        elif block[0].startswith(("- ", "* ")):
            out.append("<ul>" + "".join(f"<li>{_inline(line[2:])}</li>" for line in block) + "</ul>")
        else:
            out.append(f"<p>{_inline(' '.join(line.strip() for line in block))}</p>")
        block.clear()

    for line in text.splitlines():
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        if heading:
            flush()
            level = min(len(heading.group(1)) + 1, 6)  # the page's own title is the h1
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif not line.strip():
            flush()
        else:
            block.append(line)
    flush()
    return "\n".join(out)


def pack(tree: dict[str, bytes]) -> bytes:
    """The tree as a gzip'd tar with one top folder ``course/``, deterministic to the byte."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        folders = sorted({str(Path(TOP, p).parent) for p in tree} | {TOP})
        for folder in sorted({f for p in folders for f in _ancestors(p)}):
            info = tarfile.TarInfo(folder)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, FIXED_MTIME
            tar.addfile(info)
        for path in sorted(tree):
            info = tarfile.TarInfo(f"{TOP}/{path}")
            info.size, info.mode, info.mtime = len(tree[path]), 0o644, FIXED_MTIME
            tar.addfile(info, io.BytesIO(tree[path]))
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=FIXED_MTIME) as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()


def _ancestors(folder: str) -> list[str]:
    parts = Path(folder).parts
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def build(course: CoursePlan, out_dir: Path) -> Built:
    """Write ``<out_dir>/<course id>.tar.gz`` (replacing it whole, never half-written)."""
    data = pack(files(course))
    path = Path(out_dir) / f"{course.id}.tar.gz"
    write_atomic(path, data)
    return Built(path, len(course.chapters), len(course.units), len(course.activities), course.counts())


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
