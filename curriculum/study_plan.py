"""A weekly study plan from the placement level to a target exam on a date, within the learner's time.

How long a level takes is a PLANNING ASSUMPTION, not an official figure: the JLPT has published no
study-hour figures since 2010. ``HOURS`` holds cumulative hours for a learner without a kanji
background, in the range Japanese-language schools commonly quote. JFT-Basic targets are placed on
the same scale (A1 ≈ N5, A2 ≈ N4; the latter is how JFT-Basic is often described, not officially).

The plan is honest: when the time to the exam is too short for the target, it says so, proposes the
nearest target that fits (or the date the target would fit), and the weekly minutes the target needs.
Every week asks for at least one study day, because the programme requires a weekly login.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .item_types import TYPES
from .levels import BELOW, LEVELS
from .mock_test import FORMS, Form

HOURS = {BELOW: 0, "N5": 300, "N4": 550, "N3": 900, "N2": 1450}
JFT_EQUIVALENT = {"JFT-A1": "N5", "JFT-A2": "N4"}
TARGETS = (*LEVELS, *JFT_EQUIVALENT)
SESSION_MINUTES = 30  # a phone-sized session; the days goal is the minutes over this
REVIEW_SHARE = 0.3  # spaced-repetition review of what came before, every week


def _equivalent(target: str) -> str:
    return JFT_EQUIVALENT.get(target, target)


def _hours(level: str) -> int:
    return HOURS[_equivalent(level)]


@dataclass(frozen=True)
class Week:
    number: int
    starts: date
    level: str  # what this week works towards
    focus: tuple[str, ...]  # skills
    types: tuple[str, ...]  # item types to practise
    minutes: int
    allocation: tuple[tuple[str, int], ...]  # activity → minutes; sums to ``minutes``
    days: int  # the study-days goal, at least 1

    def to_dict(self) -> dict:
        return {"number": self.number, "starts": self.starts.isoformat(), "level": self.level,
                "focus": list(self.focus), "types": list(self.types), "minutes": self.minutes,
                "allocation": [list(a) for a in self.allocation], "days": self.days}

    @classmethod
    def from_dict(cls, data: dict) -> Week:
        return cls(data["number"], date.fromisoformat(data["starts"]), data["level"], tuple(data["focus"]),
                   tuple(data["types"]), data["minutes"], tuple((a, m) for a, m in data["allocation"]),
                   data["days"])


@dataclass(frozen=True)
class StudyPlan:
    placement: str
    target: str
    exam_date: date
    weekly_minutes: int
    needed_hours: int
    available_hours: float
    feasible: bool
    planned_target: str  # what the weeks below work towards
    proposed_target: str | None  # a nearer target that fits, when the asked one does not
    required_weekly_minutes: int  # what the asked target would need
    ready_on: date | None  # when the asked target fits at this pace, if not by the exam
    days_per_week: int
    weeks: tuple[Week, ...]
    message: str

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        data.update(exam_date=self.exam_date.isoformat(), weeks=[w.to_dict() for w in self.weeks],
                    ready_on=self.ready_on.isoformat() if self.ready_on else None)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> StudyPlan:
        data = dict(data)
        data.update(exam_date=date.fromisoformat(data["exam_date"]),
                    weeks=tuple(Week.from_dict(w) for w in data["weeks"]),
                    ready_on=date.fromisoformat(data["ready_on"]) if data["ready_on"] else None)
        return cls(**data)


def plan(placement: str, target: str, exam_date: date, today: date, weekly_minutes: int) -> StudyPlan:
    """Weeks from ``today`` to the exam, each with its focus, item types, minutes and days goal."""
    if placement not in HOURS:
        raise ValueError(f"unknown placement level {placement!r}")
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    if weekly_minutes < 1:
        raise ValueError("weekly minutes must be at least 1")
    if exam_date <= today:
        raise ValueError("the exam date must be after today")
    weeks = max(1, (exam_date - today).days // 7)
    needed = max(0, _hours(target) - HOURS[placement])
    available = weeks * weekly_minutes / 60
    feasible = available >= needed
    proposed = None if feasible else _nearer_target(placement, target, available)
    planned = target if feasible or proposed is None else proposed
    required = math.ceil(needed * 60 / weeks)
    ready_on = None if feasible else today + timedelta(weeks=math.ceil(needed * 60 / weekly_minutes))
    days = min(7, max(1, math.ceil(weekly_minutes / SESSION_MINUTES)))
    fields = dict(placement=placement, target=target, exam_date=exam_date, weekly_minutes=weekly_minutes,
                  needed_hours=needed, available_hours=round(available, 1), feasible=feasible,
                  planned_target=planned, proposed_target=proposed, required_weekly_minutes=required,
                  ready_on=ready_on, days_per_week=days)
    schedule = _schedule(placement, planned, today, weeks, weekly_minutes, days)
    return StudyPlan(**fields, weeks=schedule, message=_message(fields))


def _family(target: str) -> tuple[str, ...]:
    return tuple(JFT_EQUIVALENT) if target in JFT_EQUIVALENT else LEVELS


def _nearer_target(placement: str, target: str, available: float) -> str | None:
    """The highest target of the same exam below ``target`` that fits in the time; failing that, the
    next step up from the placement (still a step in the right direction). None when the target is
    itself the next step."""
    family = _family(target)
    above = [t for t in family[:family.index(target)] if _hours(t) > HOURS[placement]]
    fits = [t for t in above if _hours(t) <= HOURS[placement] + available]
    return fits[-1] if fits else (above[0] if above else None)


def _message(plan_: dict) -> str:
    target, weekly = plan_["target"], plan_["weekly_minutes"]
    if plan_["needed_hours"] == 0:
        return f"You are already at {target}: the plan keeps you there with practice and mock tests."
    head = (f"{target} by {plan_['exam_date'].isoformat()} needs about {plan_['needed_hours']} hours of "
            f"study (an estimate); at {weekly} minutes a week you have about {plan_['available_hours']:.0f}.")
    if plan_["feasible"]:
        return head + " The plan fits."
    options = []
    proposed = plan_["proposed_target"]
    if proposed:
        fits = _hours(proposed) - HOURS[plan_["placement"]] <= plan_["available_hours"]
        options.append(f"aim for {proposed} at this exam" if fits else f"work towards {proposed} first")
    options.append(f"study about {plan_['required_weekly_minutes']} minutes a week for {target}")
    options.append(f"take {target} after {plan_['ready_on'].isoformat()} at your current pace")
    return head + " That is not enough: " + "; or ".join(options) + "."


def _stages(placement: str, planned: str) -> list[tuple[str, int]]:
    """(level, hours) for each level still to climb; the target alone when already reached."""
    family = _family(planned)
    steps = [(t, _hours(t) - max(HOURS[placement], _hours(prev) if prev else 0))
             for prev, t in zip((None, *family), family, strict=False)
             if _hours(t) > HOURS[placement] and _hours(t) <= _hours(planned)]
    return steps or [(planned, 0)]


def _form(level: str) -> Form:
    return FORMS["JFT-Basic" if level in JFT_EQUIVALENT else level]


def _skills(form: Form) -> list[tuple[str, tuple[str, ...]]]:
    """The form's skills, most items first, each with its item types."""
    weight: dict[str, int] = {}
    types: dict[str, list[str]] = {}
    for section in form.sections:
        for part in section.parts:
            skill = TYPES[part.type].skill
            weight[skill] = weight.get(skill, 0) + part.count
            types.setdefault(skill, []).append(part.type.value)
    return [(s, tuple(types[s])) for s in sorted(weight, key=lambda s: (-weight[s], s))]


def _schedule(placement: str, planned: str, today: date, weeks: int, minutes: int,
              days: int) -> tuple[Week, ...]:
    review_weeks = 1 if weeks <= 4 else min(4, round(weeks * 0.15))
    learning = weeks - review_weeks
    stages = _stages(placement, planned)
    plan_weeks: list[Week] = []
    for level, count in zip((s[0] for s in stages), _split(learning, [h for _, h in stages]), strict=True):
        skills = _skills(_form(level))
        for k in range(count):
            first, second = skills[(2 * k) % len(skills)], skills[(2 * k + 1) % len(skills)]
            plan_weeks.append(_week(len(plan_weeks) + 1, today, level, (first, second), minutes, days))
    for _ in range(review_weeks):
        plan_weeks.append(_review_week(len(plan_weeks) + 1, today, planned, minutes, days))
    return tuple(plan_weeks)


def _split(total: int, hours: list[int]) -> list[int]:
    """``total`` weeks shared in proportion to ``hours`` (largest remainder), at least 1 each if possible."""
    if sum(hours) == 0:
        return [total] + [0] * (len(hours) - 1)
    exact = [total * h / sum(hours) for h in hours]
    counts = [int(e) for e in exact]
    for index in sorted(range(len(hours)), key=lambda i: exact[i] - counts[i], reverse=True):
        if sum(counts) < total:
            counts[index] += 1
    return counts


def _allocate(minutes: int, shares: list[tuple[str, float]]) -> tuple[tuple[str, int], ...]:
    """Whole minutes per activity that add up to ``minutes``; the last activity takes the rounding."""
    given = [(name, int(minutes * share)) for name, share in shares[:-1]]
    return (*given, (shares[-1][0], minutes - sum(m for _, m in given)))


def _week(number, today, level, skills, minutes, days) -> Week:
    (first, first_types), (second, second_types) = skills
    focus = (first,) if first == second else (first, second)
    types = tuple(dict.fromkeys(first_types + (second_types if second != first else ())))
    half = (1 - REVIEW_SHARE) / len(focus)
    allocation = _allocate(minutes, [(s, half) for s in focus] + [("review", REVIEW_SHARE)])
    return Week(number, today + timedelta(weeks=number - 1), level, focus, types, minutes, allocation, days)


def _review_week(number, today, level, minutes, days) -> Week:
    form = _form(level)
    mock = min(minutes, form.minutes)
    allocation = (("mock_test", mock), ("weakest_types", minutes - mock)) if minutes > mock else (
        ("mock_test", mock),)
    types = tuple(t for _, skill_types in _skills(form) for t in skill_types)
    return Week(number, today + timedelta(weeks=number - 1), level, ("mock_test",), types, minutes,
                allocation, days)


# --- the plan a placement test proposes -----------------------------------------------------------

#: Five 30-minute sessions a week: what the plan assumes until the learner sets their own pace.
DEFAULT_WEEKLY_MINUTES = 150
#: The next exam must leave at least this long to prepare.
MIN_PREPARATION = timedelta(weeks=8)


def session_on_or_after(day: date) -> date:
    """The first JLPT session (first Sunday of July or December) on or after ``day``."""
    for year in (day.year, day.year + 1):
        for month in (7, 12):
            first = date(year, month, 1)
            sunday = first + timedelta(days=(6 - first.weekday()) % 7)
            if sunday >= day:
                return sunday
    raise AssertionError("unreachable: a session within a year always exists")


def next_exam_date(today: date) -> date:
    """The next JLPT session at least ``MIN_PREPARATION`` away."""
    return session_on_or_after(today + MIN_PREPARATION)


def next_target(level: str) -> str:
    """One level above the placement (N2 stays N2: the bank goes no higher)."""
    if level == BELOW:
        return LEVELS[0]
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]


def plan_after_placement(level: str, today: date, weekly_minutes: int = DEFAULT_WEEKLY_MINUTES) -> StudyPlan:
    """The plan a placement proposes: the next level, by the first exam session it fits at this pace.

    Honest by construction: when the next session is too soon for the level at ``weekly_minutes``,
    the plan aims at the first session after the estimated ready date instead.
    """
    target = next_target(level)
    proposal = plan(level, target, next_exam_date(today), today, weekly_minutes)
    if proposal.feasible:
        return proposal
    return plan(level, target, session_on_or_after(proposal.ready_on), today, weekly_minutes)


def _week_dict(week: Week) -> dict:
    return {"number": week.number, "starts": week.starts.isoformat(), "level": week.level,
            "focus": list(week.focus), "minutes": week.minutes}


def plan_summary(study_plan: StudyPlan) -> dict:
    """What a learner record keeps of a plan: its inputs (enough to rebuild every week, see ``week_of``)
    and the first week, a few hundred bytes however long the plan."""
    return {"placement": study_plan.placement, "target": study_plan.planned_target,
            "exam_date": study_plan.exam_date.isoformat(), "starts": study_plan.weeks[0].starts.isoformat(),
            "weekly_minutes": study_plan.weekly_minutes, "days_per_week": study_plan.days_per_week,
            "weeks": len(study_plan.weeks), "first_week": _week_dict(study_plan.weeks[0])}


def week_of(summary: dict, today: date) -> dict | None:
    """The plan's week that contains ``today`` (the first, before the plan starts; None once it is over)."""
    weeks = _rebuilt(summary["placement"], summary["target"], summary["exam_date"], summary["starts"],
                     summary["weekly_minutes"])
    started = [w for w in weeks if w.starts <= today]
    if not started:
        return _week_dict(weeks[0])
    week = started[-1]
    return _week_dict(week) if today < week.starts + timedelta(days=7) else None


@lru_cache(maxsize=256)
def _rebuilt(placement: str, target: str, exam: str, starts: str, minutes: int) -> tuple[Week, ...]:
    return plan(placement, target, date.fromisoformat(exam), date.fromisoformat(starts), minutes).weeks
