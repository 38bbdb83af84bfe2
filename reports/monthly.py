"""The monthly report (月次報告書, docs/programme.md P8): due to the prefecture by the 10th.

Pure pandas over plain records, so it is tested without a database; ``reports.data`` loads
the records from the programme's models.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from curriculum.japan_time import PROGRAMME_TZ
from programme.month import Month  # noqa: F401  (re-exported: reports.monthly.Month)
from programme.quota import company_quota

from .xlsx import write_sheets

SHEETS = ("Summary", "Companies", "Learners", "Usage", "Levels", "Rules", "Surveys", "Operations")
OPERATION_COLUMNS = ["Kind", "Started", "Ended", "Title", "Details", "Impact", "Cause", "Recorded by"]
SURVEY_COLUMNS = ["Survey", "Responses", "Question", "Answered", "Mean (1–5)", "Counts"]
RULE_COLUMNS = ["Decided", "Kind", "Company", "Week of", "Learners", "Evidence"]
ACTIVITY_COLUMNS = ["login_id", "day", "logins", "items_answered", "items_correct", "minutes", "other_events"]
LEARNER_COLUMNS = ["login_id", "company", "level", "status", "joined_on"]


def build(month: Month, companies: list[dict], learners: list[dict], activity: list[dict],
          generated_at: datetime, decisions: list[dict] = (),
          questions: dict | None = None, surveys: list[dict] = (),
          operations: list[dict] = (), places: dict | None = None) -> dict[str, pd.DataFrame]:
    """DataFrames per sheet. ``activity`` rows: login_id, day, logins, items_answered, items_correct.

    ``companies``, ``learners`` and ``activity`` may be lists of dicts or DataFrames with those
    columns; activity outside the month (a whole year, say) is left out first.
    ``decisions``: the weekly-login rule's decisions of the month (decided, kind, company, week,
    learners as login IDs, evidence text). ``questions``: the question log's monthly figures.
    ``surveys``: each survey's totals so far (``programme.surveys.flows.totals``).
    ``operations``: the month's incidents, maintenance and work done (the operations log).
    ``places``: the places ledger when the report is made (``programme.places.ledger``): places, held, free.
    """
    ops = pd.DataFrame(list(operations), columns=OPERATION_COLUMNS)
    act = month_activity(activity, month.first, month.last)
    ppl = frame_of(learners, LEARNER_COLUMNS)
    per_learner = _learners_sheet(ppl, act)
    rules = pd.DataFrame(list(decisions), columns=RULE_COLUMNS)
    per_company = _companies_sheet(frame_of(companies, ["company", "employees"]), per_learner)
    per_company = _with_rule_counts(per_company, rules)
    usage = _usage_sheet(act)
    summary = pd.DataFrame([
        ("Month", str(month)),
        ("Due to the prefecture", month.due.isoformat()),
        ("Generated at", generated_at.astimezone(PROGRAMME_TZ).strftime("%Y-%m-%d %H:%M")),
        ("Companies", len(per_company)),
        ("Learners", len(per_learner)),
        *_places_rows(places),
        ("Learners active this month", int((per_learner["Days logged in"] > 0).sum())),
        ("Items answered", int(per_learner["Items answered"].sum())),
        ("Study minutes (estimated)", round(float(per_learner["Minutes"].sum()), 1)),
        ("Warnings to companies", int((rules["Kind"] == "warning").sum())),
        ("Companies stopped (suspension)", int((rules["Kind"] == "suspension").sum())),
        ("Freed places offered (replacement)", int((rules["Kind"] == "replacement").sum())),
        *_question_rows(questions),
        ("Incidents", int((ops["Kind"] == "incident").sum())),
        ("Planned maintenance", int((ops["Kind"] == "maintenance").sum())),
    ], columns=["Item", "Value"])
    return {"Summary": summary, "Companies": per_company, "Learners": per_learner, "Usage": usage,
            "Levels": _levels_sheet(per_learner), "Rules": rules, "Surveys": _surveys_sheet(surveys),
            "Operations": ops}


def _places_rows(places: dict | None) -> list[tuple[str, int]]:
    if not places:
        return []
    return [("Programme places", places["places"]), ("Places held when generated", places["held"]),
            ("Places free when generated", places["free"]), ("On the waiting list", places["waiting"])]


def _levels_sheet(learners: pd.DataFrame) -> pd.DataFrame:
    """Learners, activity and accuracy by JLPT/JFT level: how each level's learners are doing."""
    columns = ["Level", "Learners", "Active this month", "Items answered", "Accuracy", "Minutes"]
    if learners.empty:
        return pd.DataFrame(columns=columns)
    work = learners.assign(active=learners["Days logged in"] > 0,
                           correct=(learners["Accuracy"].fillna(0) * learners["Items answered"]))
    by = work.groupby("Level").agg(learners=("Login ID", "count"), active=("active", "sum"),
                                   answered=("Items answered", "sum"), correct=("correct", "sum"),
                                   minutes=("Minutes", "sum")).reset_index()
    order = {level: n for n, level in enumerate(("N5", "N4", "N3", "N2", "JFT-A1", "JFT-A2"))}
    by = by.sort_values("Level", key=lambda s: s.map(order).fillna(99), ignore_index=True)
    return pd.DataFrame({
        "Level": by["Level"], "Learners": by["learners"].astype(int),
        "Active this month": by["active"].astype(int),
        "Items answered": by["answered"].astype(int),
        "Accuracy": (by["correct"] / by["answered"].where(by["answered"] > 0)).round(3),
        "Minutes": by["minutes"].round(1),
    }, columns=columns)


def _surveys_sheet(surveys) -> pd.DataFrame:
    """One row per survey question: answers, the mean of 1–5 scales, counts per answer (P9 totals)."""
    rows = []
    for total in surveys:
        for question_id, q in total["questions"].items():
            counts = ", ".join(f"{k}: {v}" for k, v in (q.get("counts") or {}).items())
            rows.append([total["survey"], total["responses"], f"{question_id} — {q.get('text', '')}",
                         q["answered"], q.get("mean"), counts or "(free text: counted, not copied)"])
    return pd.DataFrame(rows, columns=SURVEY_COLUMNS)


def frame_of(rows, columns: list[str]) -> pd.DataFrame:
    """``rows`` (a list of dicts or a DataFrame) as a DataFrame with exactly ``columns``."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for column in columns:
        if column not in frame:  # e.g. activity recorded before study minutes were estimated
            frame = frame.assign(**{column: 0.0 if column == "minutes" else 0 if column == "other_events"
                                    else None})
    return frame[columns]


def month_activity(activity, first: date, last: date) -> pd.DataFrame:
    """The activity rows from ``first`` to ``last``, days as datetimes and login IDs categorical.

    Filtering comes first so a year of rows costs one comparison, not a year of group-bys.
    """
    act = frame_of(activity, ACTIVITY_COLUMNS)
    day = act["day"]
    if not pd.api.types.is_datetime64_any_dtype(day):
        day = pd.to_datetime(day)
    keep = ((day >= pd.Timestamp(first)) & (day <= pd.Timestamp(last))).to_numpy()
    act = act.loc[keep].assign(day=day[keep])
    return act.assign(login_id=act["login_id"].astype("category"))


def week_starts(days: pd.Series) -> pd.Series:
    """The Monday (Japan weeks run Monday–Sunday) of each day, as a datetime."""
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def _question_rows(questions: dict | None) -> list[tuple[str, object]]:
    if not questions:
        return [("Questions received", 0), ("Questions answered", 0)]
    return [("Questions received", questions.get("received", 0)),
            ("Questions answered", questions.get("answered", 0)),
            ("Questions still open", questions.get("open", 0))]


def _with_rule_counts(companies: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    counts = rules.groupby(["Company", "Kind"]).size().unstack(fill_value=0)
    columns = (("warning", "Warnings"), ("suspension", "Stopped"), ("replacement", "Places offered"))
    for kind, column in columns:
        by_company = counts[kind] if kind in counts else pd.Series(dtype=int)
        companies[column] = companies["Company"].map(by_company).fillna(0).astype(int)
    return companies


def _learners_sheet(ppl: pd.DataFrame, act: pd.DataFrame) -> pd.DataFrame:
    figures = learner_figures(act)
    out = ppl.set_index("login_id").join(figures).reset_index()
    counts = ["answered", "correct", "days", "weeks", "minutes"]
    out[counts] = out[counts].fillna(0)
    accuracy = (out["correct"] / out["answered"].where(out["answered"] > 0)).round(3)
    return pd.DataFrame({
        "Login ID": out["login_id"], "Company": out["company"], "Level": out["level"],
        "Status": out["status"], "Joined": out["joined_on"].astype(str),
        "Days logged in": out["days"].astype(int), "Weeks with a login": out["weeks"].astype(int),
        "Items answered": out["answered"].astype(int), "Accuracy": accuracy,
        "Minutes": out["minutes"].astype(float).round(1), "Last activity": _day_text(out["last"]),
    }).sort_values(["Company", "Login ID"], ignore_index=True)


def present(act: pd.DataFrame) -> pd.DataFrame:
    """The rows of days present (docs/programme.md, "What counts as a login (P6)"): any activity, as the
    weekly rule counts them (``DailyActivity.PRESENT``)."""
    mask = (act["logins"].to_numpy() > 0) | (act["items_answered"].to_numpy() > 0)
    if "other_events" in act:
        mask |= act["other_events"].to_numpy() > 0
    return act.loc[mask]


def learner_figures(act: pd.DataFrame) -> pd.DataFrame:
    """Per login ID: items answered and correct, last active day, days and weeks with a login."""
    totals = act.groupby("login_id", observed=True).agg(
        answered=("items_answered", "sum"), correct=("items_correct", "sum"), minutes=("minutes", "sum"),
        last=("day", "max"))
    logged = present(act)[["login_id", "day"]]
    days = logged.drop_duplicates().groupby("login_id", observed=True).size().rename("days")
    weeks = (logged.assign(day=week_starts(logged["day"])).drop_duplicates()
             .groupby("login_id", observed=True).size().rename("weeks"))
    out = totals.join(days).join(weeks)
    out.index = out.index.astype(object)
    return out


def _day_text(days: pd.Series) -> pd.Series:
    days = pd.to_datetime(days)
    return days.dt.strftime("%Y-%m-%d").fillna("")


def _companies_sheet(companies: pd.DataFrame, learners: pd.DataFrame) -> pd.DataFrame:
    grouped = learners.assign(active=learners["Days logged in"] > 0).groupby("Company").agg(
        learners=("Login ID", "count"), active=("active", "sum"), answered=("Items answered", "sum"))
    out = companies.set_index("company").join(grouped).fillna(0).reset_index()
    return pd.DataFrame({
        "Company": out["company"], "Employees": out["employees"].astype(int),
        "Places (quota)": out["employees"].map(company_quota),
        "Learners": out["learners"].astype(int), "Active this month": out["active"].astype(int),
        "Items answered": out["answered"].astype(int),
    }).sort_values("Company", ignore_index=True)


def _usage_sheet(act: pd.DataFrame) -> pd.DataFrame:
    if act.empty:
        columns = ["Week (Mon–Sun)", "Active learners", "Logins", "Items answered", "Accuracy", "Minutes"]
        return pd.DataFrame(columns=columns)
    weeks = act.assign(week=week_starts(act["day"]))
    totals = weeks.groupby("week").agg(logins=("logins", "sum"), answered=("items_answered", "sum"),
                                       correct=("items_correct", "sum"), minutes=("minutes", "sum"))
    logged = present(weeks)[["week", "login_id"]].drop_duplicates()
    active = logged.groupby("week").size().rename("active")
    out = totals.join(active).fillna({"active": 0}).reset_index()
    label = out["week"].dt.strftime("%Y-%m-%d") + " – " + (out["week"] + pd.Timedelta(days=6)).dt.strftime(
        "%Y-%m-%d")
    return pd.DataFrame({
        "Week (Mon–Sun)": label,
        "Active learners": out["active"].astype(int), "Logins": out["logins"].astype(int),
        "Items answered": out["answered"].astype(int),
        "Accuracy": (out["correct"] / out["answered"].where(out["answered"] > 0)).round(3),
        "Minutes": out["minutes"].astype(float).round(1),
    })


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path, lang: str = "ja") -> Path:
    """One sheet per frame (Japanese by default, ``lang="en"`` on request), header row frozen, columns wide
    enough to read, accuracy as percentages, charts on Usage and Companies."""
    from .localise import PERCENT_COLUMNS, localise, sheet_name

    names = tuple(sheet_name(n, lang) for n in SHEETS)

    def charts(sheets, _frames):
        _charts({n: sheets[sheet_name(n, lang)] for n in ("Usage", "Companies")}, frames, lang)

    return write_sheets(localise(frames, lang), names, path, charts, percent=PERCENT_COLUMNS)


CHART_TITLES = {
    "en": ("Active learners per week", "learners", "Questions answered per week", "items",
           "Learners and active learners by company"),
    "ja": ("週別の利用者数", "人", "週別の解答数", "問", "企業別の学習者数と当月の利用者数"),
}


def _charts(sheets, frames: dict[str, pd.DataFrame], lang: str = "en") -> None:
    """Pictures where people would rather look than read: weekly use, and each company's learners."""
    from openpyxl.chart import BarChart, LineChart, Reference

    active, people, answered, items, by_company = CHART_TITLES[lang]
    usage, weeks = sheets["Usage"], len(frames["Usage"])
    if weeks:
        line = LineChart()
        line.title, line.y_axis.title, line.height, line.width = active, people, 7, 16
        line.add_data(Reference(usage, min_col=2, min_row=1, max_row=weeks + 1), titles_from_data=True)
        line.set_categories(Reference(usage, min_col=1, min_row=2, max_row=weeks + 1))
        usage.add_chart(line, "G2")
        bars = BarChart()
        bars.title, bars.y_axis.title, bars.height, bars.width = answered, items, 7, 16
        bars.add_data(Reference(usage, min_col=4, min_row=1, max_row=weeks + 1), titles_from_data=True)
        bars.set_categories(Reference(usage, min_col=1, min_row=2, max_row=weeks + 1))
        usage.add_chart(bars, "G17")
    companies, rows = sheets["Companies"], len(frames["Companies"])
    if rows:
        chart = BarChart()
        chart.title, chart.height, chart.width = by_company, 7, 16
        chart.add_data(Reference(companies, min_col=4, max_col=5, min_row=1, max_row=rows + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(companies, min_col=1, min_row=2, max_row=rows + 1))
        companies.add_chart(chart, f"A{rows + 4}")
