"""The weekly-login rule (docs/programme.md P6) as pure functions over plain values, in Japan weeks.

- Mid-week **nudge**: a learner with no login yet this week gets a friendly reminder on Thursday.
- **Warning**: a full week (Monday–Sunday, Asia/Tokyo) without a login warns the company's manager
  and support person (one warning per company and week, naming the learners).
- **Watch and suspension**: a warning opens a two-month watch. The company has improved when, in
  the last four full weeks of the watch, every one of its active learners logged in every week.
  If not, when the watch ends all its learners are stopped and told. (The specification says
  "usage does not improve within two months"; reading "improve" as four clean weeks at the end
  gives the company a month to recover and then asks for steady weekly use.)

Weeks count for a learner only when they were enrolled the whole week (joined on or before its
Monday), so a learner who joins on a Wednesday is never warned for that first week.
Every function returns decisions with their evidence and changes nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from curriculum.japan_time import PROGRAMME_TZ, japan_date, monday  # noqa: F401  (re-exported)

NUDGE_WEEKDAY = 3  # Thursday: half the week left to log in
WATCH_MONTHS = 2
CLEAN_WEEKS = 4


class Kind(enum.StrEnum):
    NUDGE = "nudge"
    WARNING = "warning"
    SUSPENSION = "suspension"
    IMPROVED = "improved"


@dataclass(frozen=True)
class LearnerFacts:
    learner_id: int
    company_id: int
    joined_on: date
    login_days: frozenset[date]  # Japan-time days with at least one login
    active: bool = True


@dataclass(frozen=True)
class Decision:
    kind: Kind
    company_id: int
    week: date  # the Monday of the week decided on (for a suspension: the watch's last week)
    learner_ids: tuple[int, ...]
    evidence: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        """What makes a decision unique: the same rule never fires twice for the same week."""
        return (self.kind.value, self.company_id, self.week.isoformat(), self.learner_ids)


def today_in_japan(now: datetime) -> date:
    return japan_date(now)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (2026-12-31 + 2 → 2027-02-28)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate_day in range(day.day, 27, -1):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def logged_in_week(facts: LearnerFacts, week: date) -> bool:
    return any(week <= d < week + timedelta(days=7) for d in facts.login_days)


def counts_for(facts: LearnerFacts, week: date) -> bool:
    return facts.active and facts.joined_on <= week


def full_weeks(first: date, today: date) -> list[date]:
    """Mondays of the weeks that have ended by ``today``, from the week of ``first``."""
    weeks, week = [], monday(first)
    while week + timedelta(days=7) <= today:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def nudges(learners: list[LearnerFacts], now: datetime) -> list[Decision]:
    """Learners with no login yet this week, from Thursday on."""
    today = today_in_japan(now)
    if today.weekday() < NUDGE_WEEKDAY:
        return []
    week = monday(today)
    return [Decision(Kind.NUDGE, f.company_id, week, (f.learner_id,),
                     {"week": week.isoformat(), "checked_on": today.isoformat(), "logins_this_week": 0})
            for f in learners if counts_for(f, week) and not logged_in_week(f, week)]


def warnings(learners: list[LearnerFacts], now: datetime, since: date) -> list[Decision]:
    """One warning per company and ended week in which some of its learners never logged in."""
    today = today_in_japan(now)
    found = []
    for week in full_weeks(since, today):
        missing: dict[int, list[int]] = {}
        for f in learners:
            if counts_for(f, week) and not logged_in_week(f, week):
                missing.setdefault(f.company_id, []).append(f.learner_id)
        for company_id, ids in sorted(missing.items()):
            found.append(Decision(Kind.WARNING, company_id, week, tuple(sorted(ids)),
                                  {"week": f"{week.isoformat()}/{(week + timedelta(days=6)).isoformat()}",
                                   "learners_without_login": sorted(ids)}))
    return found


def watch_outcome(first_warning_week: date, company_id: int, learners: list[LearnerFacts],
                  now: datetime) -> Decision | None:
    """After the two-month watch that a warning opened: suspension or improvement; None while it runs."""
    warned_on = first_warning_week + timedelta(days=7)  # warnings go out once the week has ended
    ends = add_months(warned_on, WATCH_MONTHS)
    today = today_in_japan(now)
    if today < ends:
        return None
    weeks = full_weeks(warned_on, ends)[-CLEAN_WEEKS:]
    company = [f for f in learners if f.company_id == company_id and f.active]
    misses = {w.isoformat(): sorted(f.learner_id for f in company
                                    if counts_for(f, w) and not logged_in_week(f, w))
              for w in weeks}
    evidence = {"warned_on": warned_on.isoformat(), "watch_ends": ends.isoformat(),
                "weeks_checked": [w.isoformat() for w in weeks], "learners_without_login_by_week": misses}
    last_week = weeks[-1] if weeks else monday(ends)
    if any(misses.values()):
        return Decision(Kind.SUSPENSION, company_id, last_week, tuple(sorted(f.learner_id for f in company)),
                        evidence)
    return Decision(Kind.IMPROVED, company_id, last_week, (), evidence)
