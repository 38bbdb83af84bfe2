"""Estimated scores: pass marks, sectional minimums and JFT-Basic bands at every boundary."""

from datetime import date

import pytest

from curriculum import scoring
from curriculum.scoring import LANGUAGE_KNOWLEDGE, LISTENING, LK_READING, READING, jft_band, judge, scaled

AFTER_CHANGE = date(2026, 11, 27)
BEFORE_CHANGE = date(2026, 7, 31)

# level, scoring sections with their minimums, pass mark (exam_formats.md §1.3)
PASS_RULES = [
    ("N5", {LK_READING: 38, LISTENING: 19}, 80),
    ("N4", {LK_READING: 38, LISTENING: 19}, 90),
    ("N3", {LANGUAGE_KNOWLEDGE: 19, READING: 19, LISTENING: 19}, 95),
    ("N2", {LANGUAGE_KNOWLEDGE: 19, READING: 19, LISTENING: 19}, 90),
]


def scores_totalling(minimums: dict[str, int], total: int) -> dict[str, int]:
    """Section scores that add up to ``total``, every one at or above its minimum."""
    scores = dict(minimums)
    spare = total - sum(scores.values())
    first = next(iter(scores))
    scores[first] += spare
    return scores


@pytest.mark.parametrize(("level", "minimums", "mark"), PASS_RULES)
def test_exactly_the_pass_mark_passes(level, minimums, mark):
    assert judge(level, scores_totalling(minimums, mark)) == (True, ())


@pytest.mark.parametrize(("level", "minimums", "mark"), PASS_RULES)
def test_one_below_the_pass_mark_fails_and_says_why(level, minimums, mark):
    passed, reasons = judge(level, scores_totalling(minimums, mark - 1))
    assert not passed
    assert reasons == (f"The total {mark - 1} is below the pass mark {mark} of 180.",)


@pytest.mark.parametrize(("level", "minimums", "mark"), PASS_RULES)
def test_every_section_exactly_at_its_minimum_is_enough_for_that_section(level, minimums, mark):
    for key in minimums:
        maxima = {s.key: s.maximum for s in scoring.RULES[level].sections}
        assert judge(level, maxima | {key: minimums[key]}) == (True, ())


@pytest.mark.parametrize(("level", "minimums", "mark", "section"),
                         [(*rule, key) for rule in PASS_RULES for key in rule[1]])
def test_a_total_pass_with_one_section_below_its_minimum_fails_with_that_reason(level, minimums, mark,
                                                                                  section):
    maxima = {s.key: s.maximum for s in scoring.RULES[level].sections}
    scores = maxima | {section: minimums[section] - 1}
    assert sum(scores.values()) >= mark, "the total alone would pass"
    passed, reasons = judge(level, scores)
    name = next(s.name for s in scoring.RULES[level].sections if s.key == section)
    assert not passed
    assert reasons == (f"{name}: {minimums[section] - 1} is below the sectional minimum {minimums[section]} "
                       f"of {maxima[section]}.",)


def test_missing_the_total_and_a_section_gives_both_reasons():
    passed, reasons = judge("N3", {LANGUAGE_KNOWLEDGE: 18, READING: 30, LISTENING: 30})
    assert not passed and len(reasons) == 2
    assert "pass mark 95" in reasons[0] and "言語知識" in reasons[1]


@pytest.mark.parametrize(("correct", "total", "maximum", "expected"), [
    (0, 43, 120, 0), (43, 43, 120, 120), (1, 2, 60, 30), (1, 3, 60, 20), (2, 3, 60, 40),
    (1, 8, 60, 8),  # 7.5 rounds half up
    (0, 50, 250, 0),
])
def test_the_share_of_correct_answers_lands_linearly_on_the_scale(correct, total, maximum, expected):
    assert scaled(correct, total, maximum) == expected


@pytest.mark.parametrize("total", [1, 7, 24, 43, 50, 75])
def test_one_more_right_answer_never_lowers_the_score(total):
    scores = [scaled(c, total, 120) for c in range(total + 1)]
    assert scores == sorted(scores) and scores[0] == 0 and scores[-1] == 120


def test_a_score_needs_some_items():
    with pytest.raises(ValueError):
        scaled(0, 0, 60)
    with pytest.raises(ValueError):
        scaled(5, 4, 60)


@pytest.mark.parametrize(("score", "band"), [
    (10, None), (144, None), (145, "A1"), (174, "A1"), (175, "A2.1"), (199, "A2.1"), (200, "A2"), (250, "A2"),
])
def test_jft_bands_from_august_2026(score, band):
    assert jft_band(score, AFTER_CHANGE) == band


@pytest.mark.parametrize(("score", "band"), [(145, None), (199, None), (200, "A2")])
def test_before_august_2026_jft_judges_only_a2(score, band):
    assert jft_band(score, BEFORE_CHANGE) == band


def test_a_report_always_says_it_is_an_estimate():
    report = scoring.report("N5", {LK_READING: (43, 43), LISTENING: (24, 24)}, {}, AFTER_CHANGE)
    assert report.estimate is True and "estimate" in report.message and "not an official" in report.message
    assert (report.total, report.passed) == (180, True)
    assert scoring.ScoreReport.from_dict(report.to_dict()) == report


def test_a_report_with_good_knowledge_but_weak_listening_fails_on_listening():
    report = scoring.report("N4", {LK_READING: (57, 57), LISTENING: (8, 28)}, {}, AFTER_CHANGE)
    assert report.total == 120 + 17 and report.passed is False
    assert report.reasons == ("聴解: 17 is below the sectional minimum 19 of 60.",)


def test_a_section_with_no_items_cannot_be_judged():
    report = scoring.report("N5", {LK_READING: (40, 43)}, {}, AFTER_CHANGE)
    assert report.passed is None and report.total is None
    assert "聴解" in report.reasons[0]


def test_study_next_names_the_weakest_types_first():
    by_type = {"kanji_reading": (7, 7), "quick_response": (1, 6), "grammar_form": (3, 9),
               "orthography": (1, 3), "paraphrase": (2, 3)}
    weakest = scoring.study_next(by_type)
    assert [t.type for t in weakest] == ["quick_response", "grammar_form", "orthography"]
    assert "kanji_reading" not in [t.type for t in scoring.study_next(by_type, count=10)]


@pytest.mark.parametrize(("correct", "score", "band", "passed"), [
    (0, 10, None, False), (50, 250, "A2", True), (40, 202, "A2", True), (39, 197, "A2.1", False),
])
def test_jft_reports_one_score_from_10_to_250_with_its_band(correct, score, band, passed):
    raw = {scoring.SCRIPT_VOCABULARY: (min(correct, 12), 12),
           scoring.CONVERSATION_EXPRESSION: (min(max(correct - 12, 0), 12), 12),
           LISTENING: (min(max(correct - 24, 0), 14), 14), READING: (max(correct - 38, 0), 12)}
    report = scoring.report(scoring.JFT, raw, {}, AFTER_CHANGE)
    assert (report.total, report.band, report.passed) == (score, band, passed)
