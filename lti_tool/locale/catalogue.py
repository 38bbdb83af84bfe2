"""The Japanese of the tool's manager and course-author pages (the dashboard, the deep-linking picker).

Managers are the companies' learning-support staff and course authors are mostly Japanese; learners'
pages take their strings from the XBlocks' own catalogues instead. ``python -m lti_tool.locale.catalogue``
writes ``ja/LC_MESSAGES/django.po`` and ``.mo`` (Django finds an app's ``locale/`` by itself); a test
checks every ``{% translate %}`` of the templates has its Japanese and the ``.mo`` is current.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_DATE = datetime(2026, 11, 27, tzinfo=timezone.utc)

JA: dict[str, str | tuple[str, ...]] = {
    "Learners' practice": "学習者の学習状況",
    "Download (.xlsx)": "ダウンロード（.xlsx）",
    "stopped": "利用停止",
    "not started": "未開始",
    ("%(n)s warning", "%(n)s warnings"): ("警告 %(n)s 回",),
    "Days active (last %(window_days)s days)": "学習した日数（直近 %(window_days)s 日）",
    "Days active per week": "週ごとの学習日数",
    "oldest week first": "古い週から順に",
    "Items answered": "解答した問題数",
    "Accuracy": "正答率",
    "By skill": "分野別",
    "Placement level": "プレースメントテストのレベル",
    "Mock tests": "模擬試験",
    "Last activity": "最終学習日時",
    "No learner has opened this activity in this course yet.":
        "このコースでこの教材を開いた学習者はまだいません。",
    "Add an activity": "教材を追加",
    "Activity": "教材",
    "Level": "レベル",
    "Skill": "分野",
    "Every skill": "すべての分野",
    "Questions per round": "1回の問題数",
    "1 to 100. The round's score goes to the gradebook.": "1〜100。1回分の得点が成績表に送られます。",
    "Mock test form": "模擬試験の種類",
    "Dialect lesson": "鹿児島弁のレッスン",
    "Course": "コース",
    "Adds every activity of the course plan, with its gradebook columns.":
        "コース計画のすべての教材を、成績表の列とあわせて追加します。",
    "Title in the course (optional)": "コースでの表示名（任意）",
    "Add to the course": "コースに追加",
    "Adding the activity": "教材を追加しています",
    "Sending “%(title)s” to your course…": "「%(title)s」をコースに送っています…",
    "Continue": "続ける",
}


def catalog():
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="ja", domain="django", project="kagoshima-nihongo", charset="utf-8",
                  creation_date=FIXED_DATE, revision_date=FIXED_DATE, version="0.1",
                  copyright_holder="Kagoshima Nihongo authors", language_team="Kagoshima Nihongo authors",
                  last_translator="Kagoshima Nihongo authors", msgid_bugs_address="(the project's issues)")
    cat.fuzzy = False
    for source, target in JA.items():
        cat.add(source, target)
    return cat


def write(root: Path = HERE) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    folder = root / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    cat = catalog()
    with open(folder / "django.po", "wb") as po:
        write_po(po, cat, omit_header=False, sort_output=True, width=110)
    with open(folder / "django.mo", "wb") as mo:
        write_mo(mo, cat)
    return [folder / "django.po", folder / "django.mo"]


if __name__ == "__main__":
    for path in write():
        print(path)
