"""One course plan per course: chapters by week, subsections by skill, units, activities, grading.

Pure data (no Django, no XBlock): the OLX and Common Cartridge renderers read the same plan, and so
may the LTI deep-linking picker. ``courses()`` lists the course IDs; ``plan(course_id)`` builds one.
Each activity has ``kind`` (the XBlock's OLX tag), ``title`` and ``settings`` (the block's settings
fields, which are also the LTI link's custom parameters, see ``Activity.lti_custom``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from curriculum import grammar
from curriculum.item_types import TYPES, ItemType
from curriculum.mock_test import FORMS, form_for

ORG = "KagoshimaNihongo"
RUN = "2026"
#: Study weeks of a level course; the mock tests close weeks 4 and 8.
WEEKS = 8
MOCK_WEEKS = (4, 8)
ITEMS_PER_DRILL = 10
WEEKLY_GOAL_DAYS = 3
PRACTICE, MOCK = "Practice", "Mock test"
#: The XBlock tags a course uses, in the order Studio's Advanced Module List shows them.
BLOCK_TAGS = ("jlpt_drill", "mock_test", "placement_test", "dialect_lesson", "study_progress",
              "grammar_notes")
#: The LTI tool's name for an activity, where it differs from the block tag (lti_tool.claims.ACTIVITIES).
LTI_ACTIVITY = {"study_progress": "progress"}
#: Settings that are the block's, not the LTI link's (Open edX grading weight).
_NOT_CUSTOM = {"display_name", "weight"}

SKILL_TITLES = {
    "vocabulary": "Vocabulary", "kanji": "Kanji", "grammar": "Grammar", "reading": "Reading",
    "listening": "Listening", "conversation": "Conversation and expression",
}
#: Situational dialect lessons (curriculum/content/dialect/README.md), used until curriculum.dialect exists.
DIALECT_LESSONS = (
    ("greetings", "Greetings"), ("responses", "Answers and reactions"), ("work", "At work"),
    ("praise_criticism", "Praise and criticism"), ("safety", "Safety"), ("health_care", "Health and care"),
    ("farm_food", "Farm and food"), ("weather", "Weather"), ("people", "People"),
    ("false_friends", "False friends"),
)


class UnknownCourse(ValueError):
    """A course ID we do not build."""


@dataclass(frozen=True)
class Activity:
    """One block in a unit: its OLX tag, its title and its settings fields."""

    kind: str
    title: str
    settings: dict
    url_name: str
    graded_as: str | None = None

    @property
    def lti_activity(self) -> str:
        return LTI_ACTIVITY.get(self.kind, self.kind)

    def lti_custom(self) -> dict[str, str]:
        """The LTI link's custom parameters, as ``lti_tool.claims`` reads them (all strings)."""
        custom = {"activity": self.lti_activity}
        for name, value in self.settings.items():
            if name in _NOT_CUSTOM:
                continue
            if name == "item_types":
                custom["types"] = ",".join(value)
            elif name == "grammar_points":
                custom["grammar_points"] = ",".join(value)
            else:
                custom[name] = str(value)
        return custom


@dataclass(frozen=True)
class Unit:
    url_name: str
    title: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Subsection:
    """An Open edX sequential: graded as ``graded_as`` (an assignment type) or not graded."""

    url_name: str
    title: str
    units: tuple[Unit, ...]
    graded_as: str | None = None


@dataclass(frozen=True)
class Chapter:
    url_name: str
    title: str
    subsections: tuple[Subsection, ...]


@dataclass(frozen=True)
class AssignmentType:
    """One row of the grading policy (Open edX GRADER)."""

    name: str
    short_label: str
    min_count: int
    drop_count: int
    weight: float


@dataclass(frozen=True)
class CoursePlan:
    id: str
    title: str
    number: str
    description: str
    chapters: tuple[Chapter, ...]
    grading: tuple[AssignmentType, ...]
    pass_mark: float = 0.6
    org: str = ORG
    run: str = RUN
    tags: tuple[str, ...] = field(default=BLOCK_TAGS)
    #: What the builder had to fall back on (the CLI prints these as warnings).
    notes: tuple[str, ...] = ()

    @property
    def units(self) -> list[Unit]:
        return [u for c in self.chapters for s in c.subsections for u in s.units]

    @property
    def activities(self) -> list[Activity]:
        return [a for u in self.units for a in u.activities]

    def counts(self) -> dict[str, int]:
        """Blocks per kind, in ``BLOCK_TAGS`` order."""
        kinds = [a.kind for a in self.activities]
        return {k: kinds.count(k) for k in BLOCK_TAGS if k in kinds}

    def points(self, activity: Activity) -> float | None:
        """Points for an LMS that grades by total points (Canvas): 10 a practice activity, and the mock
        tests sized so that they weigh in the total as the grading policy says. None: not graded."""
        if activity.graded_as is None:
            return None
        practice = sum(1 for a in self.activities if a.graded_as == PRACTICE)
        if activity.graded_as == PRACTICE:
            return 10.0
        weights = {t.name: t.weight for t in self.grading}
        mocks = sum(1 for a in self.activities if a.graded_as == MOCK)
        return round(10.0 * practice * weights[MOCK] / weights[PRACTICE] / mocks, 1)


# -- building ----------------------------------------------------------------------------------

LEVEL_COURSES = {"n5": "N5", "n4": "N4", "n3": "N3", "n2": "N2", "jft": "JFT"}


def courses() -> tuple[str, ...]:
    """Every course ID, in the order the CLI lists them."""
    return (*LEVEL_COURSES, "dialect")


def plan(course_id: str) -> CoursePlan:
    """The plan of one course; ``UnknownCourse`` names the courses there are."""
    key = str(course_id).lower()
    if key == "dialect":
        return _dialect_course()
    if key not in LEVEL_COURSES:
        raise UnknownCourse(f"unknown course {course_id!r} (choose one of: {', '.join(courses())})")
    return _level_course(key, LEVEL_COURSES[key])


def skills(level: str) -> list[tuple[str, tuple[str, ...]]]:
    """The skills a level's exam tests, in exam order, each with the item types a drill draws on.

    The types are every type our bank defines for that level and skill (``curriculum.item_types``),
    so a drill also trains our own formats (meaning_to_word, meaning_to_kanji) beside the exam's.
    """
    form = form_for(level)
    bank_level = form.bank_levels[-1]
    order: list[str] = []
    for section in form.sections:
        for part in section.parts:
            skill = TYPES[part.type].skill
            if skill not in order:
                order.append(skill)
    return [(skill, tuple(t.value for t in ItemType
                          if TYPES[t].skill == skill and bank_level in TYPES[t].levels)) for skill in order]


def _drill_levels(key: str, form_level: str) -> list[str]:
    """The bank level each week drills: JFT-A1 for the first half of the JFT course, then JFT-A2."""
    if key == "jft":
        return ["JFT-A1" if week <= WEEKS // 2 else "JFT-A2" for week in range(1, WEEKS + 1)]
    return [form_level] * WEEKS


def _single(prefix: str, title: str, activity: Activity, graded_as: str | None = None) -> Subsection:
    """A subsection holding one unit holding one activity."""
    return Subsection(f"{prefix}_seq", title, (Unit(f"{prefix}_unit", title, (activity,)),), graded_as)


def _progress(prefix: str, title: str) -> Subsection:
    settings = {"display_name": title, "weekly_goal_days": WEEKLY_GOAL_DAYS}
    activity = Activity("study_progress", title, settings, f"{prefix}_progress")
    return _single(prefix + "_progress", title, activity)


def _level_course(key: str, form_level: str) -> CoursePlan:
    form = FORMS["JFT-Basic" if form_level == "JFT" else form_level]
    exam = "JFT-Basic" if form_level == "JFT" else f"JLPT {form_level}"
    placement = Activity("placement_test", "Placement test",
                         {"display_name": "Placement test", "weight": 1.0}, f"{key}_placement")
    start = Chapter(f"{key}_start", "Start here", (
        _single(f"{key}_placement", "Placement test", placement),
    ))
    chapters = [start]
    levels = _drill_levels(key, form_level)
    level_skills = {level: skills(level) for level in set(levels)}
    mock_number = 0
    syllabus = grammar_weeks(form_level)
    for week, level in enumerate(levels, start=1):
        prefix = f"{key}_w{week:02d}"
        subsections = [_progress(prefix, f"Week {week}: my week")]
        for skill, types in level_skills[level]:
            title = f"Week {week}: {SKILL_TITLES[skill]}"
            settings = {"display_name": title, "level": level, "item_count": ITEMS_PER_DRILL,
                        "item_types": list(types), "weight": 1.0}
            if skill == "grammar" and syllabus and syllabus[week - 1]:
                subsections.append(_grammar_week(prefix, week, level, settings, syllabus))
                continue
            drill = Activity("jlpt_drill", title, settings, f"{prefix}_{skill}", PRACTICE)
            subsections.append(_single(f"{prefix}_{skill}", title, drill, PRACTICE))
        if week in MOCK_WEEKS:
            mock_number += 1
            title = f"Mock test {mock_number} ({exam})"
            mock = Activity("mock_test", title, {"display_name": title, "form": form_level, "weight": 1.0},
                            f"{prefix}_mock", MOCK)
            subsections.append(_single(f"{prefix}_mock", title, mock, MOCK))
        chapters.append(Chapter(f"{prefix}", f"Week {week}", tuple(subsections)))
    practice = sum(len(level_skills[level]) for level in levels)
    grading = (
        AssignmentType(PRACTICE, "Prac", practice, len(level_skills[levels[-1]]), 0.4),
        AssignmentType(MOCK, "Mock", len(MOCK_WEEKS), 0, 0.6),
    )
    description = (f"Eight weeks of practice towards {exam}: a placement test, drills for every skill the "
                   f"exam tests ({form.item_count} questions in {form.minutes} minutes on the day), and two "
                   "timed mock tests scored like the real exam. Our scores are estimates, not official "
                   "results.")
    return CoursePlan(key, f"{exam} · Kagoshima Nihongo", form_level.replace("-", ""), description,
                      tuple(chapters), grading)


def grammar_weeks(level: str) -> list[tuple[str, ...]]:
    """A JLPT level's grammar points (``curriculum.grammar``, in their files' order: the most tested and
    the basics first) spread over the course's weeks; empty for a level without grammar points (JFT)."""
    if level not in grammar.LEVELS:
        return []
    ids = [p.id for p in grammar.points(level)]
    return [tuple(ids[n * len(ids) // WEEKS:(n + 1) * len(ids) // WEEKS]) for n in range(WEEKS)]


def _grammar_week(prefix: str, week: int, level: str, settings: dict,
                  syllabus: list[tuple[str, ...]]) -> Subsection:
    """The week's grammar unit: the notes of this week's points, then a drill on every point met so
    far (this week's and the earlier weeks', so the schedule keeps reviewing them)."""
    title = f"Week {week}: {SKILL_TITLES['grammar']}"
    notes_title = f"Week {week}: grammar notes"
    notes_settings = {"display_name": notes_title, "level": level, "grammar_points": list(syllabus[week - 1])}
    notes = Activity("grammar_notes", notes_title, notes_settings, f"{prefix}_grammar_notes")
    so_far = [p for points in syllabus[:week] for p in points if grammar.point(p).item_ids]
    drill = Activity("jlpt_drill", title, {**settings, "grammar_points": so_far}, f"{prefix}_grammar",
                     PRACTICE)
    unit = Unit(f"{prefix}_grammar_unit", title, (notes, drill))
    return Subsection(f"{prefix}_grammar_seq", title, (unit,), PRACTICE)


def dialect_lessons() -> list[tuple[str, str]]:
    """(lesson ID, title) of every dialect lesson: ``curriculum.dialect.lessons()`` when it exists,
    else the situational lessons of curriculum/content/dialect/README.md."""
    return _dialect_lessons()[0]


def _dialect_lessons() -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    try:
        from curriculum import dialect
    except ImportError:
        return list(DIALECT_LESSONS), ()
    try:
        loaded = dialect.lessons()
    except ValueError as exc:  # DialectError: content that does not pass its checks
        first = str(exc).splitlines()[-1] if str(exc) else "broken"
        note = (f"the dialect content does not load ({first}); the course has only the situational "
                "lessons (run nihongo content check)")
        return list(DIALECT_LESSONS), (note,)
    found = []
    for lesson in loaded:
        lesson_id = _attr(lesson, "id")
        title = _attr(lesson, "title")
        if isinstance(title, dict):
            title = title.get("en") or next(iter(title.values()), "")
        found.append((str(lesson_id), str(title or dict(DIALECT_LESSONS).get(str(lesson_id), lesson_id))))
    return (found, ()) if found else (list(DIALECT_LESSONS), ())


def _attr(obj, name: str):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _dialect_course() -> CoursePlan:
    situational = {lesson_id for lesson_id, _ in DIALECT_LESSONS}
    lessons, notes = _dialect_lessons()
    groups = (("situations", "Kagoshima dialect at work", [x for x in lessons if x[0] in situational]),
              ("sounds", "Sounds and grammar", [x for x in lessons if x[0] not in situational]))
    chapters = [Chapter("dialect_start", "Start here", (_progress("dialect_start", "My week"),))]
    for slug, chapter_title, group in groups:
        if not group:
            continue
        subsections = []
        for lesson_id, title in group:
            settings = {"display_name": title, "lesson": lesson_id, "weight": 1.0}
            lesson = Activity("dialect_lesson", title, settings, f"dialect_{lesson_id}", PRACTICE)
            subsections.append(_single(f"dialect_{lesson_id}", title, lesson, PRACTICE))
        chapters.append(Chapter(f"dialect_{slug}", chapter_title, tuple(subsections)))
    graded = sum(len(s.units) for c in chapters for s in c.subsections if s.graded_as)
    description = ("Kagoshima dialect (鹿児島弁) for the workplace: what colleagues, supervisors and "
                   "customers say, what it means in standard Japanese, and what to do when you hear it. "
                   "Every expression names its sources.")
    return CoursePlan("dialect", "Kagoshima dialect · Kagoshima Nihongo", "DIALECT", description,
                      tuple(chapters), (AssignmentType(PRACTICE, "Prac", graded, 0, 1.0),), notes=notes)
