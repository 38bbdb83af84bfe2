"""PDFs the programme hands out (reports, letters, certificates): HTML and CSS through WeasyPrint.

Japanese is set in Noto Sans CJK JP (Debian's fonts-noto-cjk), embedded as a subset, so the PDF reads the same
on any computer. A4, with the programme's name and the page number in the footer.
"""

from __future__ import annotations

import html

BASE_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-center { content: "鹿児島県 外国人材日本語学習支援事業 — " counter(page) " / " counter(pages);
                         font-size: 8pt; color: #555; } }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", sans-serif; font-size: 10pt;
       color: #111; line-height: 1.5; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
th, td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #555; font-size: 9pt; }
.sig { font-family: monospace; font-size: 7pt; word-break: break-all; }
img.chart { width: 100%; max-height: 90mm; object-fit: contain; }
"""


def escape(text) -> str:
    return html.escape(str(text))


def render(body_html: str, title: str, lang: str = "ja", css: str = "") -> bytes:
    """The PDF of ``body_html`` (already escaped where it holds data) with the house style."""
    from weasyprint import HTML

    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{BASE_CSS}{css}</style></head><body>{body_html}</body></html>"
    )
    return HTML(string=page).write_pdf()


def table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
