"""A company's progress sheet for its manager (per-company, per-month; login IDs only).

Sheets: Learners (days, weeks with a login, items, accuracy, last activity), Weeks (a ✓/✗ grid of
"logged in that week", the weekly-login rule of docs/programme.md P6) and Notices (the rule's decisions
about the company in the month). Pure pandas; ``reports.data.company_records`` loads the records.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from .monthly import LEARNER_COLUMNS, RULE_COLUMNS, Month, frame_of, learner_figures, month_activity, present
from .xlsx import write_sheets

SHEETS = ("Learners", "Weeks", "Notices")
LOGGED_IN, NOT_LOGGED_IN, NOT_ENROLLED = "✓", "✗", "–"


def weeks_of(month: Month) -> list[date]:
    """The Mondays of the Monday–Sunday weeks that touch the month."""
    first = month.first - timedelta(days=month.first.weekday())
    return [first + timedelta(weeks=n) for n in range((month.last - first).days // 7 + 1)]


def build_company(company_name: str, month: Month, learners: list[dict], activity: list[dict],
                  decisions: list[dict] = ()) -> dict[str, pd.DataFrame]:
    """DataFrames per sheet for ``company_name`` only: other companies' rows are dropped here too.

    ``activity`` should cover the whole weeks touching the month (from the Monday before its first
    day to the Sunday after its last), so the grid judges whole weeks as the rule does; the day,
    item and accuracy figures count only the month's own days.
    """
    ppl = frame_of(learners, LEARNER_COLUMNS)
    ppl = ppl[ppl["company"] == company_name].sort_values("login_id", ignore_index=True)
    mondays = weeks_of(month)
    act = month_activity(activity, mondays[0], mondays[-1] + timedelta(days=6))
    act = act[act["login_id"].astype(object).isin(set(ppl["login_id"]))]
    in_month = act[(act["day"] >= pd.Timestamp(month.first)) & (act["day"] <= pd.Timestamp(month.last))]
    grid = _weeks_sheet(ppl, act, mondays)
    notices = pd.DataFrame(list(decisions), columns=RULE_COLUMNS)
    notices = notices[notices["Company"] == company_name].reset_index(drop=True)
    return {"Learners": _learners_sheet(ppl, in_month, grid, len(mondays)), "Weeks": grid,
            "Notices": notices}


def _learners_sheet(ppl: pd.DataFrame, act: pd.DataFrame, grid: pd.DataFrame, weeks: int) -> pd.DataFrame:
    out = ppl.set_index("login_id").join(learner_figures(act)).reset_index()
    counts = ["answered", "correct", "days"]
    out[counts] = out[counts].fillna(0)
    ticks = (grid.drop(columns="Login ID") == LOGGED_IN).sum(axis=1).to_numpy() if len(grid) else 0
    return pd.DataFrame({
        "Login ID": out["login_id"], "Level": out["level"], "Status": out["status"],
        "Days logged in": out["days"].astype(int),
        "Weeks with a login": ticks, "Weeks in month": weeks,
        "Items answered": out["answered"].astype(int),
        "Accuracy": (out["correct"] / out["answered"].where(out["answered"] > 0)).round(3),
        "Last activity": pd.to_datetime(out["last"]).dt.strftime("%Y-%m-%d").fillna(""),
    })


def _weeks_sheet(ppl: pd.DataFrame, act: pd.DataFrame, mondays: list[date]) -> pd.DataFrame:
    """✓ logged in that week, ✗ not, – not enrolled the whole week (the rule does not count it)."""
    logged = present(act)[["login_id", "day"]]
    week = logged["day"] - pd.to_timedelta(logged["day"].dt.day_of_week, unit="D")
    seen = set(zip(logged["login_id"].astype(object), week.dt.date, strict=True))
    grid = {"Login ID": ppl["login_id"].tolist()}
    joined = pd.to_datetime(ppl["joined_on"]).dt.date.tolist()
    for monday in mondays:
        grid[monday.isoformat()] = [
            LOGGED_IN if (who, monday) in seen else NOT_ENROLLED if start > monday else NOT_LOGGED_IN
            for who, start in zip(grid["Login ID"], joined, strict=True)]
    return pd.DataFrame(grid)


def write_company_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    """The three sheets, with a chart of weeks with a login per learner on the Learners sheet."""
    return write_sheets(frames, SHEETS, path, _chart)


def _chart(sheets, frames: dict[str, pd.DataFrame]) -> None:
    from openpyxl.chart import BarChart, Reference

    rows = len(frames["Learners"])
    if not rows:
        return
    learners = sheets["Learners"]
    column = list(frames["Learners"].columns).index("Weeks with a login") + 1
    chart = BarChart()
    chart.title, chart.y_axis.title, chart.height, chart.width = "Weeks with a login", "weeks", 7, 16
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, int(frames["Learners"]["Weeks in month"].max())
    chart.add_data(Reference(learners, min_col=column, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(learners, min_col=1, min_row=2, max_row=rows + 1))
    learners.add_chart(chart, "K2")
