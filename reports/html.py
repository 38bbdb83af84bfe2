"""The monthly report as one self-contained HTML page: readable on a phone, charts as inline SVG.

No scripts, fonts, images or style sheets are fetched: the file can be mailed or opened offline.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from .monthly import SHEETS

NOTES = (
    "Figures are estimates built from the learning hosts' records (logins and answers, synced daily "
    "in Japan time); accuracy is the share of answered items marked correct, not an exam score.",
    "Learners are identified by login ID only: names, nationalities and residence status stay in the "
    "programme's system.",
    "Weeks run Monday to Sunday; the first and last weeks may reach into the neighbouring months, "
    "but only this month's days are counted.",
)
WIDTH, HEIGHT, PAD = 640, 240, 40
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:1rem;
color:#222;line-height:1.4}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
.notes{background:#f4f6f8;border-left:4px solid #5b7da8;padding:.5rem 1rem;font-size:.9rem}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
svg{width:100%;height:auto;display:block}svg text{font-size:11px;fill:#333}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;font-size:.85rem;white-space:nowrap}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#eef1f5;position:sticky;top:0}
td.n{text-align:right}
.key span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
"""
BLUE, ORANGE = "#5b7da8", "#e0904a"


def write_html(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write the report's frames (from ``monthly.build``) as one HTML file at ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(frames), encoding="utf-8")
    return path


def render(frames: dict[str, pd.DataFrame]) -> str:
    summary = dict(frames["Summary"].values.tolist())
    usage, companies = frames["Usage"], frames["Companies"]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Kagoshima Nihongo — monthly report {escape(str(summary.get('Month', '')))}</title>",
        f"<style>{STYLE}</style>\n</head>\n<body>",
        f"<h1>Kagoshima Nihongo — monthly report {escape(str(summary.get('Month', '')))}</h1>",
        '<div class="notes">' + "".join(f"<p>{escape(n)}</p>" for n in NOTES) + "</div>",
        "<h2>Charts</h2>",
        _figure("Active learners per week", line_chart(usage["Week (Mon–Sun)"], usage["Active learners"])),
        _figure("Questions answered per week", bar_chart(usage["Week (Mon–Sun)"], usage["Items answered"])),
        _figure("Learners and active learners by company",
                pair_chart(companies["Company"], companies["Learners"], companies["Active this month"]),
                key=(("Learners", BLUE), ("Active this month", ORANGE))),
    ]
    for name in SHEETS:
        parts.append(f'<h2 id="{name.lower()}">{escape(name)}</h2>')
        parts.append(table(frames[name]))
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _figure(caption: str, svg: str, key=()) -> str:
    legend = ""
    if key:
        legend = '<div class="key">' + "".join(
            f'<span style="background:{colour}"></span>{escape(label)}' for label, colour in key) + "</div>"
    return f"<figure><figcaption>{escape(caption)}</figcaption>{legend}{svg}</figure>"


def table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p>None this month.</p>"
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    cells = frame.astype(object).where(frame.notna(), "").to_numpy().tolist()
    rows = "\n".join(
        "<tr>" + "".join(f'<td class="n">{escape(str(v))}</td>' if n else f"<td>{escape(str(v))}</td>"
                         for v, n in zip(row, numeric, strict=True)) + "</tr>"
        for row in cells)
    return (f'<div class="scroll"><table>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody></table></div>")


def _short(label: str) -> str:
    """A week's label on the axis: its Monday without the year (2026-09-28 – … → 09-28)."""
    return str(label)[5:10] if str(label)[:4].isdigit() else str(label)


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}">' + "".join(body) + "</svg>")


def _axis(top: float, scale_max: float) -> list[str]:
    base = HEIGHT - PAD
    return [f'<line x1="{PAD}" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#999"/>',
            f'<line x1="{PAD}" y1="{top}" x2="{PAD}" y2="{base}" stroke="#999"/>',
            f'<text x="{PAD - 4}" y="{top + 4}" text-anchor="end">{scale_max:g}</text>',
            f'<text x="{PAD - 4}" y="{base}" text-anchor="end">0</text>']


def _no_data(label: str) -> str:
    message = f'<text x="{WIDTH / 2}" y="35" text-anchor="middle">No activity this month</text>'
    return _svg(WIDTH, 60, [message], label)


def line_chart(labels: pd.Series, values: pd.Series) -> str:
    """One point per week, joined by a line."""
    if values.empty:
        return _no_data("Active learners per week")
    top, top_value = 15, max(float(values.max()), 1.0)
    step = (WIDTH - PAD - 30) / max(len(values) - 1, 1)
    xs = [PAD + 15 + i * step for i in range(len(values))]
    ys = [HEIGHT - PAD - (HEIGHT - PAD - top) * float(v) / top_value for v in values]
    body = _axis(top, top_value)
    body.append(f'<polyline fill="none" stroke="{BLUE}" stroke-width="2" points="'
                + " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True)) + '"/>')
    for x, y, label, value in zip(xs, ys, labels, values, strict=True):
        body.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BLUE}">'
                    f"<title>{escape(str(label))}: {value}</title></circle>"
                    f'<text x="{x:.1f}" y="{HEIGHT - PAD + 16}" text-anchor="middle">{_short(label)}</text>')
    return _svg(WIDTH, HEIGHT, body, "Active learners per week")


def bar_chart(labels: pd.Series, values: pd.Series) -> str:
    """One vertical bar per week."""
    if values.empty:
        return _no_data("Questions answered per week")
    top, top_value = 15, max(float(values.max()), 1.0)
    slot = (WIDTH - PAD - 20) / len(values)
    body = _axis(top, top_value)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = (HEIGHT - PAD - top) * float(value) / top_value
        x = PAD + 10 + i * slot
        body.append(f'<rect class="bar" x="{x + slot * 0.15:.1f}" y="{HEIGHT - PAD - height:.1f}" '
                    f'width="{slot * 0.7:.1f}" height="{height:.1f}" fill="{BLUE}">'
                    f"<title>{escape(str(label))}: {value}</title></rect>"
                    f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - PAD + 16}" text-anchor="middle">'
                    f"{_short(label)}</text>")
    return _svg(WIDTH, HEIGHT, body, "Questions answered per week")


def pair_chart(names: pd.Series, learners: pd.Series, active: pd.Series) -> str:
    """Two horizontal bars per company (learners, active): grows downwards, so it reads on a phone."""
    if names.empty:
        return _no_data("Learners and active learners by company")
    row, label_width = 26, 240
    top_value = max(float(learners.max()), float(active.max()), 1.0)
    span = WIDTH - label_width - 40
    body = []
    for i, (name, total, used) in enumerate(zip(names, learners, active, strict=True)):
        y = 10 + i * row
        body.append(f'<g class="company"><title>{escape(str(name))}: {total} learners, {used} active</title>'
                    f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">'
                    f"{escape(str(name)[:26])}</text>"
                    f'<rect x="{label_width}" y="{y + 2}" width="{span * float(total) / top_value:.1f}" '
                    f'height="10" fill="{BLUE}"/>'
                    f'<rect x="{label_width}" y="{y + 12}" width="{span * float(used) / top_value:.1f}" '
                    f'height="10" fill="{ORANGE}"/>'
                    f'<text x="{label_width + span * float(total) / top_value + 4:.1f}" y="{y + 14}">'
                    f"{total}/{used}</text></g>")
    return _svg(WIDTH, 20 + len(names) * row, body, "Learners and active learners by company")
