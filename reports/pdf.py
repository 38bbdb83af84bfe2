"""The monthly report as a PDF (Japanese by default): the same charts and sheets as the .xlsx and the HTML page.

Built from the same frames, through ``programme.pdf`` (WeasyPrint, Noto Sans CJK embedded). Charts are the HTML
report's SVGs, which WeasyPrint draws as vectors.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from programme.pdf import escape, render

from .html import bar_chart, line_chart, pair_chart
from .localise import COLUMNS_JA, PERCENT_COLUMNS, localise, sheet_name
from .monthly import CHART_TITLES, SHEETS

TITLE = {"ja": "鹿児島県 外国人材日本語学習支援事業 月次報告書", "en": "Kagoshima Nihongo — monthly report"}
NOTE = {
    "ja": "数値は学習システムの記録 (ログインと解答、日本時間で日ごとに集計) から作成した推計です。正答率は解答のうち"
    "正解の割合で、試験の得点ではありません。学習者はログインIDのみで示し、氏名・国籍・在留資格は含みません。",
    "en": "Figures are estimates from the learning hosts' records (logins and answers, by Japan-time day); "
    "accuracy is the share of answered items marked correct, not an exam score. Learners appear by login "
    "ID only.",
}
CSS = """
table { font-size: 8pt; } th { white-space: nowrap; }
figure { margin: 3mm 0; page-break-inside: avoid; } figcaption { font-weight: 700; margin-bottom: 1mm; }
svg { width: 100%; height: auto; max-height: 62mm; } svg text { font-size: 8px; fill: #333; }
.key { display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 2mm; vertical-align: middle; }
.note { background: #f4f6f8; border-left: 3px solid #5b7da8; padding: 2mm 3mm; font-size: 8.5pt; }
"""


def _cell(value, percent: bool) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if percent and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    return escape(value)


def _table(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty:
        return "<p>該当なし</p>" if lang == "ja" else "<p>None this month.</p>"
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    percent = [c in PERCENT_COLUMNS for c in frame.columns]
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{_cell(v, p)}</td>' if n else f"<td>{_cell(v, p)}</td>"
            for v, n, p in zip(row, numeric, percent, strict=True)
        )
        + "</tr>"
        for row in frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def render_pdf(frames: dict[str, pd.DataFrame], lang: str = "ja") -> bytes:
    summary = dict(frames["Summary"].values.tolist())
    usage, companies = frames["Usage"], frames["Companies"]
    active, _people, answered, _items, by_company = CHART_TITLES[lang]
    local = localise(frames, lang)
    learners_word = COLUMNS_JA["Learners"] if lang == "ja" else "Learners"
    active_word = COLUMNS_JA["Active this month"] if lang == "ja" else "Active this month"
    parts = [
        f"<h1>{escape(TITLE[lang])} {escape(summary.get('Month', ''))}</h1>",
        f'<p class="note">{escape(NOTE[lang])}</p>',
        f"<figure><figcaption>{escape(active)}</figcaption>"
        f"{line_chart(usage['Week (Mon–Sun)'], usage['Active learners'])}</figure>",
        f"<figure><figcaption>{escape(answered)}</figcaption>"
        f"{bar_chart(usage['Week (Mon–Sun)'], usage['Items answered'])}</figure>",
        f"<figure><figcaption>{escape(by_company)} <span class=\"key\" style=\"background:#5b7da8\"></span>"
             f"{escape(learners_word)} <span class=\"key\" style=\"background:#e0904a\"></span>{escape(active_word)}"
        f"</figcaption>{pair_chart(companies['Company'], companies['Learners'], companies['Active this month'])}"
        "</figure>",
    ]
    for name in SHEETS:
        local_name = sheet_name(name, lang)
        parts.append(f"<h2>{escape(local_name)}</h2>{_table(local[local_name], lang)}")
    return render("".join(parts), f"{TITLE[lang]} {summary.get('Month', '')}", lang=lang, css=CSS)


def write_pdf(frames: dict[str, pd.DataFrame], path: Path, lang: str = "ja") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_pdf(frames, lang))
    return path
