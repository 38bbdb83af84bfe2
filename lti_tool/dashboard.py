"""The manager's view of one course: its learners' practice, results and warnings.

``summarise`` is pure (records in, rows out); ``course_records`` does the queries, always scoped to
one registration and one context, so a manager never sees another company's learners. The roster
comes from the platform's names and roles service (every page) when the launch offers it: learners
who never opened an activity then show as "not started" instead of being missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from curriculum import safe_cells
from curriculum.japan_time import PROGRAMME_TZ, japan_date, monday

from .models import ActivityResult, AnswerRecord, LaunchRecord, PlatformRegistration

WINDOW_DAYS = 7
#: Weeks shown as "days active per week", this week included.
WEEKS = 4
LEARNER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


@dataclass(frozen=True)
class Visit:
    subject: str
    name: str
    at: datetime


@dataclass(frozen=True)
class Answer:
    subject: str
    correct: bool
    at: datetime
    skill: str = ""


@dataclass(frozen=True)
class Result:
    """A finished placement test or mock test."""

    subject: str
    activity: str
    score: float
    passed: bool | None
    summary: dict
    at: datetime


@dataclass(frozen=True)
class Member:
    """A roster entry from the platform's names and roles service."""

    subject: str
    name: str
    is_learner: bool


@dataclass(frozen=True)
class SkillRow:
    skill: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> int:
        return round(100 * self.correct / self.answered)


@dataclass(frozen=True)
class Mock:
    form: str
    percent: int
    passed: bool | None
    on: date


@dataclass(frozen=True)
class LearnerRow:
    subject: str
    name: str
    days_active: int
    answered: int
    correct: int
    last_activity: datetime | None
    weeks: tuple[int, ...] = ()
    by_skill: tuple[SkillRow, ...] = ()
    placement: str = ""
    mocks: tuple[Mock, ...] = ()
    warnings: int = 0
    stopped: bool = False
    week_starts: tuple[date, ...] = field(default=(), compare=False)

    @property
    def accuracy(self) -> int | None:
        """Percent correct, or None before the first answer."""
        return round(100 * self.correct / self.answered) if self.answered else None

    @property
    def started(self) -> bool:
        return self.last_activity is not None


def _recent_days(days: set[date], today: date) -> int:
    """Distinct Japan-time days in the last seven days, today included."""
    first = today - timedelta(days=WINDOW_DAYS - 1)
    return len({d for d in days if first <= d <= today})


def _weeks(days: set[date], today: date) -> tuple[tuple[date, ...], tuple[int, ...]]:
    """Monday of each of the last ``WEEKS`` weeks (oldest first) and the days active in each."""
    starts = tuple(monday(today) - timedelta(weeks=k) for k in range(WEEKS - 1, -1, -1))
    return starts, tuple(len({d for d in days if s <= d < s + timedelta(days=7)}) for s in starts)


def _skills(answers: list[Answer]) -> tuple[SkillRow, ...]:
    by: dict[str, list[bool]] = {}
    for a in answers:
        by.setdefault(a.skill or "other", []).append(a.correct)
    return tuple(SkillRow(s, len(v), sum(v)) for s, v in sorted(by.items()))


def _placement(results: list[Result]) -> str:
    placements = [r for r in results if r.activity == "placement_test"]
    return str(placements[-1].summary.get("level") or "") if placements else ""


def _mocks(results: list[Result]) -> tuple[Mock, ...]:
    return tuple(Mock(" ".join(str(r.summary.get(k) or "") for k in ("form", "version")).strip(),
                      round(100 * r.score), r.passed, japan_date(r.at))
                 for r in results if r.activity == "mock_test")  # "N5 B": the test and its form


def summarise(visits: list[Visit], answers: list[Answer], now: datetime, *,
              results: Iterable[Result] = (), members: Iterable[Member] = (),
              warnings: dict[str, int] | None = None, stopped: Iterable[str] = ()) -> list[LearnerRow]:
    """One row per learner who launched or whom the roster lists as a learner, by name.

    Answers and results of someone who never launched and is not on the roster are ignored.
    """
    today = japan_date(now)
    results = sorted(results, key=lambda r: r.at)
    names = {m.subject: m.name for m in members if m.is_learner}
    for v in sorted(visits, key=lambda v: v.at):
        if v.name or v.subject not in names:
            names[v.subject] = v.name or names.get(v.subject, "")
    warnings, stopped = warnings or {}, set(stopped)
    rows = []
    for subject, name in names.items():
        own_answers = [a for a in answers if a.subject == subject]
        own_results = [r for r in results if r.subject == subject]
        times = ([v.at for v in visits if v.subject == subject] + [a.at for a in own_answers]
                 + [r.at for r in own_results])
        days = {japan_date(t) for t in times}
        starts, weeks = _weeks(days, today)
        rows.append(LearnerRow(
            subject=subject, name=name or subject, days_active=_recent_days(days, today),
            answered=len(own_answers), correct=sum(a.correct for a in own_answers),
            last_activity=max(times) if times else None, weeks=weeks, by_skill=_skills(own_answers),
            placement=_placement(own_results), mocks=_mocks(own_results),
            warnings=warnings.get(subject, 0), stopped=subject in stopped, week_starts=starts,
        ))
    return sorted(rows, key=lambda r: (r.name.casefold(), r.subject))


def members_from_nrps(raw: Iterable[dict]) -> list[Member]:
    """Roster entries from NRPS ``members`` (inactive members left out)."""
    found = []
    for m in raw:
        if m.get("status", "Active") != "Active" or not m.get("user_id"):
            continue
        roles = m.get("roles") or []
        is_learner = any(r == LEARNER_ROLE or r.endswith("#Learner") or r == "Learner" for r in roles)
        name = m.get("name") or " ".join(p for p in (m.get("given_name"), m.get("family_name")) if p)
        found.append(Member(str(m["user_id"]), name, is_learner))
    return found


def _skill_of(item_ids: set[str]) -> dict[str, str]:
    """Each answered item's skill; an item the bank does not hold (a dialect expression ``kd-…``, an item
    retired from the bank, another activity's own) is still shown, never a reason for an error page."""
    from curriculum.bank import default_bank
    from curriculum.items import ItemError

    bank = default_bank()
    skills = {}
    for item_id in item_ids:
        try:
            skills[item_id] = bank.get(item_id).skill.value
        except (KeyError, ItemError):
            skills[item_id] = "dialect" if item_id.startswith("kd-") else "other"
    return skills


def _programme_status(registration: PlatformRegistration, subjects: set[str]):
    """Warnings received, who is stopped and the company's standing, from the programme (the tool's port)."""
    from .programme_port import programme

    return programme().status_of(registration.issuer, subjects)


def learner_rows(registration: PlatformRegistration, context_id: str, now: datetime,
                 roster: Iterable[Member] = ()) -> list[LearnerRow]:
    """The learners of one course (platform + context): practice, results, warnings."""
    return course_view(registration, context_id, now, roster)[0]


def course_view(registration: PlatformRegistration, context_id: str, now: datetime,
                roster: Iterable[Member] = ()):
    """The course's learner rows and their company's standing with the weekly rule (or None)."""
    course = {"registration": registration, "context_id": context_id}
    launches = LaunchRecord.objects.filter(is_instructor=False, **course)
    answer_rows = list(AnswerRecord.objects.filter(**course).values_list(
        "subject", "correct", "answered_at", "item_id"))
    skills = _skill_of({row[3] for row in answer_rows})
    results = [Result(s, a, sc, p, su or {}, at) for s, a, sc, p, su, at in ActivityResult.objects.filter(
        activity__in=("placement_test", "mock_test"), **course).values_list(
        "subject", "activity", "score", "passed", "summary", "finished_at")]
    visits = [Visit(s, n, at) for s, n, at in launches.values_list("subject", "name", "launched_at")]
    roster = list(roster)
    subjects = {v.subject for v in visits} | {m.subject for m in roster if m.is_learner}
    found = _programme_status(registration, subjects)
    rows = summarise(visits, [Answer(s, c, at, skills[i]) for s, c, at, i in answer_rows], now,
                     results=results, members=roster, warnings=found.warnings, stopped=set(found.stopped))
    return rows, found.company


#: Skills as managers read them (the Japanese is in lti_tool/locale/catalogue.py, ``JA_CODE``).
SKILLS = {"vocabulary": "vocabulary", "kanji": "kanji", "grammar": "grammar", "reading": "reading",
          "listening": "listening", "conversation": "conversation", "dialect": "Kagoshima dialect",
          "other": "other"}


def skill_label(skill: str) -> str:
    from django.utils.translation import gettext

    return gettext(SKILLS.get(skill, "other"))


def workbook_rows(rows: list[LearnerRow], language: str = "en") -> tuple[list[str], list[list]]:
    """The download's header and rows (what the page shows, one learner per row), in ``language``;
    times in Japan time."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override(language):
        starts = rows[0].week_starts if rows else ()
        header = ([_("Learner"), _("Last activity (Japan time)"), _("Days active (7 days)")]
                  + [_("Days, week of %(day)s") % {"day": f"{s:%m-%d}"} for s in starts]
                  + [_("Items answered"), _("Accuracy %"), _("Accuracy by skill"), _("Placement level"),
                     _("Mock tests"), _("Warnings"), _("Status")])
        verdicts = {True: _("pass"), False: _("fail"), None: ""}
        body = []
        for r in rows:
            status = _("stopped") if r.stopped else (_("active") if r.started else _("not started"))
            body.append(
                [r.name,
                 r.last_activity.astimezone(PROGRAMME_TZ).strftime("%Y-%m-%d %H:%M") if r.started else "",
                 r.days_active, *r.weeks, r.answered, r.accuracy if r.accuracy is not None else "",
                 "; ".join(f"{skill_label(s.skill)} {s.accuracy}% ({s.answered})" for s in r.by_skill),
                 r.placement,
                 "; ".join(" ".join(p for p in (m.form, f"{m.percent}%", verdicts[m.passed],
                                                f"{m.on:%Y-%m-%d}") if p) for m in r.mocks),
                 r.warnings, status])
        return header, body


def workbook(rows: list[LearnerRow], path_or_stream, language: str = "en") -> None:
    """Write the course's rows as an .xlsx (one sheet, frozen header, widths to fit)."""
    from django.utils import translation
    from django.utils.translation import gettext
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, body = workbook_rows(rows, language)
    book = Workbook()
    sheet = book.active
    with translation.override(language):
        sheet.title = gettext("Learners")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append(safe_cells.row(row))  # names are the LMS's: never a live formula
    sheet.freeze_panes = "B2"
    for index, title in enumerate(header, start=1):
        width = max([len(str(title))] + [len(str(row[index - 1])) for row in body])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, width + 2)
    book.save(path_or_stream)
