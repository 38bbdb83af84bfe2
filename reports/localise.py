"""The reports in Japanese (the prefecture's language) or English, from the same frames.

``monthly.build`` and ``company.build_company`` make frames with English keys (the code's and the tests'
language); ``localise`` renames sheets, columns and the Summary's items, and translates the values that are
words (rule kinds, statuses, operations kinds). Accuracy stays a fraction: the writers show it as a
percentage (``PERCENT_COLUMNS``).
"""

from __future__ import annotations

import pandas as pd

LANGUAGES = ("ja", "en")

SHEETS_JA = {
    "Summary": "概要",
    "Companies": "企業別",
    "Learners": "学習者別",
    "Usage": "週別利用状況",
    "Levels": "レベル別",
    "Rules": "注意喚起・利用中止",
    "Surveys": "アンケート",
    "Operations": "運用記録",
    "Weeks": "週別ログイン",
    "Notices": "通知",
}
COLUMNS_JA = {
    "Item": "項目",
    "Value": "値",
    "Company": "企業",
    "Employees": "従業員数",
    "Places (quota)": "受入上限",
    "Learners": "学習者数",
    "Active this month": "当月利用者数",
    "Items answered": "解答数",
    "Warnings": "注意喚起",
    "Stopped": "利用中止",
    "Places offered": "補充の案内",
    "Login ID": "ログインID",
    "Level": "レベル",
    "Status": "状態",
    "Joined": "利用開始日",
    "Days logged in": "ログイン日数",
    "Weeks with a login": "ログインした週数",
    "Accuracy": "正答率",
    "Minutes": "学習時間(分)",
    "Last activity": "最終利用日",
    "Week (Mon–Sun)": "週 (月〜日)",
    "Active learners": "利用者数",
    "Logins": "ログイン回数",
    "Decided": "決定日",
    "Kind": "種別",
    "Week of": "対象週",
    "Evidence": "根拠",
    "Survey": "アンケート",
    "Responses": "回答数",
    "Question": "設問",
    "Answered": "回答数(設問)",
    "Mean (1–5)": "平均 (1〜5)",
    "Counts": "回答の内訳",
    "Started": "開始 (日本時間)",
    "Ended": "終了 (日本時間)",
    "Title": "件名",
    "Details": "詳細",
    "Recorded by": "記録者",
}
SUMMARY_JA = {
    "Month": "対象月",
    "Due to the prefecture": "県への提出期限",
    "Generated at": "作成日時 (日本時間)",
    "Companies": "利用企業数",
    "Learners": "学習者数",
    "Learners active this month": "当月の利用者数",
    "Programme places": "定員",
    "Places held when generated": "作成時の利用枠 (使用中)",
    "Places free when generated": "作成時の空き枠",
    "On the waiting list": "補充候補者数",
    "Items answered": "解答数",
    "Study minutes (estimated)": "学習時間 (分・推計)",
    "Warnings to companies": "企業への注意喚起",
    "Companies stopped (suspension)": "利用中止となった企業",
    "Freed places offered (replacement)": "補充の案内",
    "Questions received": "質問の受付件数",
    "Questions answered": "回答件数",
    "Questions still open": "未回答の質問",
    "Incidents": "障害・インシデント",
    "Planned maintenance": "計画メンテナンス",
}
VALUES_JA = {
    "warning": "注意喚起",
    "suspension": "利用中止",
    "replacement": "補充",
    "nudge": "利用の声かけ",
    "active": "利用中",
    "stopped": "利用中止",
    "incident": "障害・インシデント",
    "maintenance": "計画メンテナンス",
    "work": "作業",
}
WORD_COLUMNS = ("Kind", "Status")
PERCENT_COLUMNS = frozenset({"Accuracy", COLUMNS_JA["Accuracy"]})


def sheet_name(name: str, lang: str) -> str:
    return SHEETS_JA.get(name, name) if lang == "ja" else name


def localise(frames: dict[str, pd.DataFrame], lang: str) -> dict[str, pd.DataFrame]:
    """New frames (same order) in ``lang``: sheet names, columns, Summary items, word values."""
    if lang not in LANGUAGES:
        raise ValueError(f"the reports are in {' or '.join(LANGUAGES)}, not {lang!r}")
    if lang == "en":
        return dict(frames)
    out = {}
    for name, frame in frames.items():
        frame = frame.copy()
        for column in WORD_COLUMNS:
            if column in frame:
                frame[column] = frame[column].map(lambda v: VALUES_JA.get(v, v) if isinstance(v, str) else v)
        if name == "Summary":
            frame["Item"] = frame["Item"].map(lambda v: SUMMARY_JA.get(v, v))
        out[sheet_name(name, lang)] = frame.rename(columns=COLUMNS_JA)
    return out
