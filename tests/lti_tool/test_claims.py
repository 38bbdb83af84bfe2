"""Reading a launch's claims: role, language and drill settings, as pure functions."""

import pytest

from curriculum.drill import DrillConfig
from lti_tool.claims import LTI, LaunchRefused, activity_settings, is_instructor, language, read_launch

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"


@pytest.mark.parametrize("roles, expected", [
    ([MEMBERSHIP + "Learner"], False),
    ([MEMBERSHIP + "Instructor"], True),
    (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"], False),  # not a course role
    ([MEMBERSHIP + "Learner", MEMBERSHIP + "Instructor"], False),  # a course Learner studies
    (["Instructor"], True),  # short role names exist in the wild
    ([], False),
    (["http://example.com/unknown#Role"], False),
])
def test_instructors_and_administrators_get_the_dashboard(roles, expected):
    assert is_instructor(roles) is expected


@pytest.mark.parametrize("locale, expected", [
    ("vi-VN", "vi"), ("vi", "vi"), ("id_ID", "id"), ("fil-PH", "tl"), ("tl", "tl"), ("my-MM", "my"),
    ("ja-JP", "ja"), ("fr-FR", "en"), ("", "en"), (None, "en"), (42, "en"),
])
def test_the_language_comes_from_the_locale_with_english_as_fallback(locale, expected):
    assert language(locale) == expected


def test_custom_parameters_choose_the_drill_settings():
    assert activity_settings({}) == ("jlpt_drill", DrillConfig("N5", 10))
    assert activity_settings({"activity": "jlpt_drill", "level": "N5", "item_count": "3"}) == (
        "jlpt_drill", DrillConfig("N5", 3))


@pytest.mark.parametrize("custom, message", [
    ({"activity": "kanji_quiz"}, "Unknown activity"),
    ({"level": "N9"}, "Unknown level"),
    ({"item_count": "0"}, "item_count"),
    ({"item_count": "101"}, "item_count"),
    ({"item_count": "ten"}, "item_count"),
])
def test_nonsense_custom_parameters_are_refused_with_a_reason(custom, message):
    with pytest.raises(LaunchRefused, match=message):
        activity_settings(custom)


def test_an_anonymous_launch_is_refused():
    body = {"iss": "i", "aud": "c", LTI + "resource_link": {"id": "r"}}
    with pytest.raises(LaunchRefused, match="signed-in user"):
        read_launch(body)
    launch = read_launch({**body, "sub": "u", "aud": ["c", "other"]})
    seen = (launch.client_id, launch.context_id, launch.language, launch.is_instructor)
    assert seen == ("c", "", "en", False)
