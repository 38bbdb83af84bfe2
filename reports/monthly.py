"""The monthly report (月次報告書, PROGRAMME.md P8): due to the prefecture by the 10th.

Pure pandas over plain records, so it is tested without a database; ``reports.data`` loads
the records from the programme's models.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

SHEETS = ("Summary", "Companies", "Learners", "Usage")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            parsed = datetime.strptime(text, "%Y-%m")
        except ValueError:
            raise ValueError(f"month must look like 2026-10, not {text!r}") from None
        return cls(parsed.year, parsed.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def due(self) -> date:
        nxt = date(self.year + self.month // 12, self.month % 12 + 1, 10)
        return nxt

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def quota_for(employees: int) -> int:
    """Places per company (PROGRAMME.md P2): fewer than 30 employees → 3, otherwise 5."""
    return 3 if employees < 30 else 5


def build(month: Month, companies: list[dict], learners: list[dict], activity: list[dict],
          generated_at: datetime) -> dict[str, pd.DataFrame]:
    """DataFrames per sheet. ``activity`` rows: login_id, day, logins, items_answered, items_correct."""
    act = pd.DataFrame(activity, columns=["login_id", "day", "logins", "items_answered", "items_correct"])
    act["day"] = pd.to_datetime(act["day"])
    act = act[(act["day"] >= pd.Timestamp(month.first)) & (act["day"] <= pd.Timestamp(month.last))]
    ppl = pd.DataFrame(learners, columns=["login_id", "company", "level", "status", "joined_on"])
    per_learner = _learners_sheet(ppl, act)
    per_company = _companies_sheet(pd.DataFrame(companies, columns=["company", "employees"]), per_learner)
    usage = _usage_sheet(act)
    summary = pd.DataFrame([
        ("Month", str(month)),
        ("Due to the prefecture", month.due.isoformat()),
        ("Generated at", generated_at.isoformat(timespec="minutes")),
        ("Companies", len(per_company)),
        ("Learners", len(per_learner)),
        ("Learners active this month", int((per_learner["Days logged in"] > 0).sum())),
        ("Items answered", int(per_learner["Items answered"].sum())),
    ], columns=["Item", "Value"])
    return {"Summary": summary, "Companies": per_company, "Learners": per_learner, "Usage": usage}


def _learners_sheet(ppl: pd.DataFrame, act: pd.DataFrame) -> pd.DataFrame:
    logged = act[act["logins"] > 0]
    totals = act.groupby("login_id").agg(answered=("items_answered", "sum"), correct=("items_correct", "sum"),
                                         last=("day", "max"))
    days = logged.groupby("login_id")["day"].nunique().rename("days")
    weeks = logged.assign(week=logged["day"].dt.to_period("W-SUN")).groupby("login_id")["week"].nunique()
    out = ppl.set_index("login_id").join(totals).join(days).join(weeks.rename("weeks")).reset_index()
    out[["answered", "correct", "days", "weeks"]] = out[["answered", "correct", "days", "weeks"]].fillna(0)
    accuracy = (out["correct"] / out["answered"].where(out["answered"] > 0)).round(3)
    return pd.DataFrame({
        "Login ID": out["login_id"], "Company": out["company"], "Level": out["level"],
        "Status": out["status"], "Joined": out["joined_on"].astype(str),
        "Days logged in": out["days"].astype(int), "Weeks with a login": out["weeks"].astype(int),
        "Items answered": out["answered"].astype(int), "Accuracy": accuracy,
        "Last activity": out["last"].dt.date.astype(str).replace("NaT", ""),
    }).sort_values(["Company", "Login ID"], ignore_index=True)


def _companies_sheet(companies: pd.DataFrame, learners: pd.DataFrame) -> pd.DataFrame:
    grouped = learners.groupby("Company").agg(
        learners=("Login ID", "count"),
        active=("Days logged in", lambda s: int((s > 0).sum())),
        answered=("Items answered", "sum"))
    out = companies.set_index("company").join(grouped).fillna(0).reset_index()
    return pd.DataFrame({
        "Company": out["company"], "Employees": out["employees"].astype(int),
        "Places (quota)": out["employees"].map(quota_for),
        "Learners": out["learners"].astype(int), "Active this month": out["active"].astype(int),
        "Items answered": out["answered"].astype(int),
    }).sort_values("Company", ignore_index=True)


def _usage_sheet(act: pd.DataFrame) -> pd.DataFrame:
    if act.empty:
        columns = ["Week (Mon–Sun)", "Active learners", "Logins", "Items answered", "Accuracy"]
        return pd.DataFrame(columns=columns)
    weeks = act.assign(week=act["day"].dt.to_period("W-SUN"))
    totals = weeks.groupby("week").agg(logins=("logins", "sum"), answered=("items_answered", "sum"),
                                       correct=("items_correct", "sum"))
    active = weeks[weeks["logins"] > 0].groupby("week")["login_id"].nunique().rename("active")
    out = totals.join(active).fillna({"active": 0}).reset_index()
    return pd.DataFrame({
        "Week (Mon–Sun)": out["week"].map(lambda p: f"{p.start_time.date()} – {p.end_time.date()}"),
        "Active learners": out["active"].astype(int), "Logins": out["logins"].astype(int),
        "Items answered": out["answered"].astype(int),
        "Accuracy": (out["correct"] / out["answered"].where(out["answered"] > 0)).round(3),
    })


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    """One sheet per frame, header row frozen, columns wide enough to read."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name in SHEETS:
            frame = frames[name]
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for column, header in zip(sheet.columns, frame.columns, strict=False):
                width = max([len(str(header))] + [len(str(v)) for v in frame[header].tolist()]) + 2
                sheet.column_dimensions[column[0].column_letter].width = min(width, 40)
    return path
