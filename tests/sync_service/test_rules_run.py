"""`nihongo rules run`: decisions recorded once with evidence, notices queued, places freed and offered."""

from datetime import date, datetime, timedelta

import pytest

from portal.cli import main
from programme.inactivity import PROGRAMME_TZ
from programme.models import DailyActivity, Learner, Manager, Notice, RuleDecision, WaitingListEntry
from sync_service.rules_run import run

MON = date(2026, 9, 7)
AFTER_WATCH = datetime(2026, 11, 16, 9, tzinfo=PROGRAMME_TZ)  # a Monday, after the watch that 14 Sep opened


def logins(learner, weeks, skip=()):
    for k in range(weeks):
        if k not in skip:
            DailyActivity.objects.create(learner=learner, day=MON + timedelta(days=7 * k + 2), logins=1)


@pytest.fixture
def programme(company_factory, learner_factory):
    good = company_factory("Good Foods", employees=45, joined_on=MON)
    poor = company_factory("Poor Care", employees=22, joined_on=MON)
    Manager.objects.create(company=good, login_id="m-good", display_name="M1", lms_user_id="m-good")
    Manager.objects.create(company=poor, login_id="m-poor", display_name="M2", lms_user_id="m-poor")
    steady = learner_factory(company=good, login_id="steady", joined_on=MON)
    idle = learner_factory(company=poor, login_id="idle", joined_on=MON, help_language="my")
    keen = learner_factory(company=poor, login_id="keen", joined_on=MON, help_language="vi")
    logins(steady, 11)
    logins(keen, 11)
    logins(idle, 11, skip={0, 8})  # misses the first week (warning) and one of the watch's last four
    return {"good": good, "poor": poor, "steady": steady, "idle": idle, "keen": keen}


def test_a_dry_run_shows_decisions_and_changes_nothing(programme):
    report = run(AFTER_WATCH, apply_changes=False)
    kinds = [d.kind.value for d in report.decisions]
    assert kinds.count("warning") == 2 and kinds.count("suspension") == 1
    assert RuleDecision.objects.count() == 0 and Notice.objects.count() == 0
    assert Learner.objects.filter(status="stopped").count() == 0


def test_apply_stops_the_whole_company_tells_everyone_and_records_the_evidence(programme):
    run(AFTER_WATCH, apply_changes=True)
    stopped = Learner.objects.filter(status="stopped").values_list("login_id", flat=True)
    assert set(stopped) == {"idle", "keen"}
    suspension = RuleDecision.objects.get(kind="suspension")
    assert suspension.company == programme["poor"]
    assert suspension.evidence["warned_on"] == "2026-09-14"
    assert suspension.evidence["learners_without_login_by_week"]["2026-11-02"] == [programme["idle"].id]
    told = Notice.objects.filter(decision=suspension)
    assert {(n.recipient_kind, n.language) for n in told} == {("manager", "ja"), ("learner", "my"),
                                                            ("learner", "vi")}
    assert sorted(suspension.host_actions.values_list("learner__login_id", "action", "status")) == [
        ("idle", "unenroll", "pending"), ("keen", "unenroll", "pending")]
    manager_notice = told.get(recipient_kind="manager")
    assert "2026-11-02: idle" in manager_notice.body and "keen" in manager_notice.body


def test_running_again_decides_nothing_new(programme):
    first = run(AFTER_WATCH, apply_changes=True)
    again = run(AFTER_WATCH, apply_changes=True)
    assert first.decisions and not again.decisions and not again.replacements
    assert RuleDecision.objects.filter(kind="suspension").count() == 1


def test_freed_places_go_to_the_waiting_list_in_order_skipping_closed_or_full_companies(programme,
                                                                                        learner_factory):
    for position, company in enumerate([programme["poor"], programme["good"], programme["good"]], 1):
        WaitingListEntry.objects.create(company=company, position=position, display_name=f"W{position}",
                                        nationality="Indonesia", residence_status="特定技能1号",
                                        added_on=MON)
    for n in range(3):  # Good Foods: 4 of its 5 places taken, so only one offer fits
        learner = learner_factory(company=programme["good"], login_id=f"extra{n}", joined_on=MON)
        logins(learner, 11)
    report = run(AFTER_WATCH, apply_changes=True)
    assert report.replacements == [(2, programme["good"].id)]
    assert list(WaitingListEntry.objects.values_list("position", "status")) == [
        (1, "waiting"), (2, "offered"), (3, "waiting")]
    offer = RuleDecision.objects.get(kind="replacement")
    assert offer.evidence == {"waiting_position": 2, "offered_on": "2026-11-16"}


def test_no_warnings_for_a_company_after_it_was_stopped(programme):
    run(AFTER_WATCH, apply_changes=True)
    later = AFTER_WATCH + timedelta(weeks=3)
    report = run(later, apply_changes=False)
    assert all(d.company_id != programme["poor"].id for d in report.decisions)


def test_the_cli_lists_decisions_and_needs_a_zone_for_now(programme, capsys):
    assert main(["rules", "run", "--now", "2026-11-16T09:00+09:00"]) == 0
    out = capsys.readouterr().out
    assert "suspension  Poor Care" in out and "learners: idle, keen" in out
    assert "dry run" in out
    assert main(["rules", "run", "--now", "2026-11-16T09:00"]) == 2
