"""A day of study is a day present (P6): any activity counts, in every source; one login read by two
sources of the same host (Open edX's tracking logs and its REST API) counts once."""

from datetime import date, datetime, timedelta, timezone

from programme.models import DailyActivity, LmsIdentity
from sync_service.rules_run import run
from sync_service.sources.base import OPENEDX_HOST, ActivityEvent, ActivitySource
from sync_service.sync import sync

MON = date(2026, 11, 2)
AT = datetime(2026, 11, 4, 1, 0, 0, 250_000, tzinfo=timezone.utc)  # Wednesday 10:00 in Japan


class Fixed(ActivitySource):
    subjects_are_usernames = True

    def __init__(self, name: str, events: list[ActivityEvent]):
        self.name, self.events = name, events

    def events_since(self, checkpoint):
        return iter(self.events if not checkpoint.get("done") else []), {"done": True}


def test_a_learner_who_stays_signed_in_and_studies_is_present_and_not_warned(learner_factory):
    learner = learner_factory(login_id="k26-0001", joined_on=MON)
    # Open edX keeps sessions for weeks: no login event, only what the learner did in the course.
    sync(Fixed("openedx_tracking", [ActivityEvent("k26-0001", AT, "seen", issuer=OPENEDX_HOST)]), AT)
    day = DailyActivity.objects.get(learner=learner)
    assert (day.logins, day.other_events) == (0, 1)
    decisions = run(datetime(2026, 11, 9, 9, tzinfo=timezone.utc), apply_changes=False).decisions
    assert not [d for d in decisions if d.kind.value == "warning"]


def test_an_idle_learner_is_still_warned(learner_factory):
    learner_factory(login_id="k26-0002", joined_on=MON)
    decisions = run(datetime(2026, 11, 9, 9, tzinfo=timezone.utc), apply_changes=False).decisions
    assert [d.kind.value for d in decisions if d.kind.value == "warning"] == ["warning"]


def test_one_open_edx_login_read_from_the_logs_and_the_api_counts_once(learner_factory):
    learner = learner_factory(login_id="k26-0001", joined_on=MON)
    log = ActivityEvent("k26-0001", AT, "login", issuer=OPENEDX_HOST)
    api = ActivityEvent("k26-0001", AT + timedelta(milliseconds=40), "login", issuer=OPENEDX_HOST)
    later = ActivityEvent("k26-0001", AT + timedelta(hours=3), "login", issuer=OPENEDX_HOST)
    sync(Fixed("openedx_tracking", [log, later]), AT)
    sync(Fixed("openedx_api", [api]), AT)
    assert DailyActivity.objects.get(learner=learner).logins == 2  # two logins, not three
    sync(Fixed("openedx_tracking", []), AT)
    assert DailyActivity.objects.get(learner=learner).logins == 2


def test_open_edx_usernames_are_login_ids_and_an_unknown_one_is_held_for_review(learner_factory):
    learner_factory(login_id="k26-0001", joined_on=MON)
    events = [ActivityEvent("k26-0001", AT, "login", issuer=OPENEDX_HOST),
              ActivityEvent("staff-jo", AT, "login", issuer=OPENEDX_HOST)]
    result = sync(Fixed("openedx_tracking", events), AT)
    assert result.unmatched_subjects == 1
    linked = LmsIdentity.objects.get(subject="k26-0001")
    assert (linked.status, linked.via) == ("linked", "username = login ID")
    held = LmsIdentity.objects.get(subject="staff-jo")
    assert held.status == "unmatched" and held.held == {
        "2026-11-04": {"logins": 1, "items_answered": 0, "items_correct": 0, "other_events": 0,
                       "minutes": 0.0, "best_score": None}}


def test_the_reports_count_the_same_days_present_as_the_rule():
    import pandas as pd

    from reports.monthly import learner_figures

    act = pd.DataFrame([
        {"login_id": "k26-0001", "day": pd.Timestamp("2026-11-04"), "logins": 0, "items_answered": 3,
         "items_correct": 2, "minutes": 1.5, "other_events": 0},
        {"login_id": "k26-0002", "day": pd.Timestamp("2026-11-04"), "logins": 0, "items_answered": 0,
         "items_correct": 0, "minutes": 0.0, "other_events": 4},
        {"login_id": "k26-0003", "day": pd.Timestamp("2026-11-04"), "logins": 0, "items_answered": 0,
         "items_correct": 0, "minutes": 0.0, "other_events": 0},
    ])
    days = learner_figures(act)["days"].fillna(0).to_dict()
    assert days == {"k26-0001": 1, "k26-0002": 1, "k26-0003": 0}
