"""The manager's view: roster through NRPS (all pages), results, warnings, and the .xlsx download."""

import html
import io
import re
from datetime import date, datetime, timedelta, timezone

import openpyxl
from django.test import Client

from lti_tool.dashboard import Answer, Member, Result, Visit, members_from_nrps, summarise
from lti_tool.models import ActivityResult, LaunchRecord
from programme.models import RuleDecision

from .harness import launch
from .test_dashboard import answer

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 6, 10, 3, 0, tzinfo=timezone.utc)  # Wednesday 12:00 in Japan


def card(page: str, subject: str) -> str:
    return page.split(f'data-subject="{subject}"')[1].split("</li>")[0]


def download_url(page: str) -> str:
    return html.unescape(re.search(r'href="(/lti/dashboard/[^"]+/learners\.xlsx[^"]*)"', page).group(1))


def test_the_roster_comes_through_every_nrps_page_and_shows_who_has_not_started(demo, sent_to_platform):
    lan = Client()
    answer(lan, launch(lan, "lan"), True)
    page = launch(Client(), "manager1").page
    member_calls = [r.url for r in sent_to_platform if "/demo-lms/memberships/" in r.url]
    assert len(member_calls) == 2 and member_calls[1].endswith("?page=2")  # manager1, lan | budi
    assert "未開始" in card(page, "sub-budi")  # not started: budi never launched, known from the roster
    assert "未開始" not in card(page, "sub-lan")
    assert "sub-m1" not in page  # instructors on the roster are not learners
    assert "sub-aung" not in page


def test_results_warnings_and_skills_appear_on_the_learner_card(demo):
    lan = Client()
    launched = launch(lan, "lan")
    answer(lan, launched, True)
    answer(lan, launched, False)
    record = LaunchRecord.objects.get(subject="sub-lan")
    for activity, score, passed, summary in [("placement_test", 1.0, None, {"level": "N4"}),
                                             ("mock_test", 0.62, True, {"form": "N5"})]:
        ActivityResult.objects.create(registration=record.registration, subject="sub-lan",
                                      context_id=record.context_id, resource_link_id="r", activity=activity,
                                      score=score, passed=passed, summary=summary, finished_at=NOW)
    decision = RuleDecision.objects.create(kind="warning", company=demo["lan"].company, week=date(2026, 6, 1),
                                           learner_key="lan", decided_at=NOW)
    decision.learners.add(demo["lan"])

    lan_card = card(launch(Client(), "manager1").page, "sub-lan")
    assert '<dd class="lt-placement">N4</dd>' in lan_card
    assert "N5 62% ✓" in lan_card
    assert "警告 1 回" in lan_card  # the demo LMS launches managers in Japanese
    skills = re.search(r'<dd class="lt-skills">([^<]*)</dd>', lan_card).group(1)
    assert "50%" in skills  # one right, one wrong, both vocabulary/kanji items of the N5 drill


def test_the_download_is_the_page_as_a_workbook_for_this_course_only(demo):
    lan = Client()
    answer(lan, launch(lan, "lan"), True)
    aung = Client()
    answer(aung, launch(aung, "aung"), True)
    manager = Client()
    page = launch(manager, "manager1").page
    response = manager.get(download_url(page), secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    # The manager reads Japanese (the launch's locale): the workbook too.
    assert rows[0][0] == "学習者" and "プレースメントテストのレベル" in rows[0] and sheet.title == "学習者"
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Lan", "Budi"}
    assert by_name["Lan"][rows[0].index("解答した問題数")] == 1
    assert by_name["Budi"][rows[0].index("状態")] == "未開始"
    assert "語彙" in by_name["Lan"][rows[0].index("分野別の正答率")] or "漢字" in by_name["Lan"][
        rows[0].index("分野別の正答率")]


def test_a_stale_or_learner_link_downloads_nothing(demo):
    manager = Client()
    url = download_url(launch(manager, "manager1").page)
    LaunchRecord.objects.filter(is_instructor=True).update(launched_at=NOW - timedelta(days=3))
    stale = manager.get(url, secure=True)
    assert stale.status_code == 403 and "used or has expired" in stale.content.decode()
    learner = launch(Client(), "lan")
    forged = manager.get(f"/lti/dashboard/{learner.launch_id}/learners.xlsx", secure=True)
    assert forged.status_code == 403


def test_weeks_run_monday_to_sunday_in_japan_time_oldest_first():
    visits = [Visit("s", "Lan", datetime(2026, 6, 8, 0, 30, tzinfo=JST)),    # this Monday
              Visit("s", "Lan", datetime(2026, 6, 7, 23, 30, tzinfo=JST)),   # last Sunday
              Visit("s", "Lan", datetime(2026, 5, 20, 9, 0, tzinfo=JST))]    # three weeks ago
    [row] = summarise(visits, [], NOW)
    assert row.week_starts == (date(2026, 5, 18), date(2026, 5, 25), date(2026, 6, 1), date(2026, 6, 8))
    assert row.weeks == (1, 0, 1, 1)


def test_summary_reads_skills_results_and_roster():
    at = datetime(2026, 6, 9, 10, 0, tzinfo=JST)
    answers = [Answer("s", True, at, "vocabulary"), Answer("s", False, at, "vocabulary"),
               Answer("s", True, at, "kanji")]
    results = [Result("s", "placement_test", 1, None, {"level": "N5"}, at),
               Result("s", "placement_test", 1, None, {"level": "N4"}, at + timedelta(days=1)),
               Result("s", "mock_test", 0.4, False, {"form": "JFT"}, at),
               Result("s", "mock_test", 0.7, True, {"form": "N5", "version": "B"}, at)]
    roster = [Member("s", "Lan", True), Member("t", "Budi", True), Member("m", "Boss", False)]
    rows = summarise([], answers, NOW, results=results, members=roster, warnings={"t": 2}, stopped={"t"})
    budi, lan = rows
    assert (lan.placement, [(m.form, m.percent, m.passed) for m in lan.mocks]) == (
        "N4", [("JFT", 40, False), ("N5 B", 70, True)])  # the test, and which of its forms
    skills = [(s.skill, s.answered, s.accuracy) for s in lan.by_skill]
    assert skills == [("kanji", 1, 100), ("vocabulary", 2, 50)]
    assert (budi.started, budi.warnings, budi.stopped, budi.answered) == (False, 2, True, 0)


def test_inactive_members_and_missing_ids_are_left_out_of_the_roster():
    members = members_from_nrps([
        {"user_id": "a", "status": "Active", "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
         "given_name": "Lan", "family_name": "Nguyen"},
        {"user_id": "b", "status": "Inactive", "roles": ["Learner"]},
        {"status": "Active", "roles": ["Learner"]},
        {"user_id": "c", "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]},
    ])
    assert members == [Member("a", "Lan Nguyen", True), Member("c", "", False)]


def test_the_programme_records_who_saw_which_learners_and_who_downloaded_them(demo):
    from programme.models import AccessRecord

    lan = Client()
    answer(lan, launch(lan, "lan"), True)
    manager = Client()
    page = launch(manager, "manager1").page
    seen = AccessRecord.objects.get(what="manager's view")
    assert seen.who.startswith("sub-m1 (") and "sub-lan" in seen.subjects and seen.action == "view"
    assert seen.company_ids == [demo["lan"].company_id]
    assert manager.get(download_url(page)).status_code == 200
    assert AccessRecord.objects.get(what="manager's view: xlsx").action == "export"


def test_the_company_banner_shows_warnings_the_watch_and_its_end(demo):
    company = demo["lan"].company
    for week in (date(2026, 6, 1), date(2026, 6, 8)):
        RuleDecision.objects.create(kind="warning", company=company, week=week, learner_key=f"lan {week}",
                                    decided_at=NOW)
    lan = Client()
    answer(lan, launch(lan, "lan"), True)  # the programme knows the course's company from its learners
    page = launch(Client(), "manager1").page
    banner = page.split('<section class="lt-company')[1].split("</section>")[0]
    assert "これまでの警告 2 回" in banner and "2026-06-08 の週" in banner
    assert "2026-08-08 まで改善の確認期間中です。" in banner  # warned on 06-08, two months
    RuleDecision.objects.create(kind="suspension", company=company, week=date(2026, 8, 3),
                                learner_key="all",
                                decided_at=datetime(2026, 8, 8, 0, 30, tzinfo=timezone.utc))
    banner = launch(Client(), "manager1").page.split('<section class="lt-company')[1].split("</section>")[0]
    assert "2026-08-08 に貴社の受講枠は終了しました" in banner


def test_every_record_renders_whatever_activity_made_it_and_names_come_from_given_and_family(demo):
    from lti_tool.models import AnswerRecord

    from .hostile_catalogue import resign

    lan = Client()
    launched = launch(lan, "lan", tamper=resign(name=None, given_name="Thi Lan", family_name="Nguyen"))
    assert launched.response.status_code == 200
    record = LaunchRecord.objects.get(subject="sub-lan")
    for item_id in ("kd-0001", "grammar-n5-wa-01", "no-such-item", "jft-a1-0001"):
        AnswerRecord.objects.create(registration=record.registration, subject="sub-lan",
                                    context_id=record.context_id, resource_link_id="x", item_id=item_id,
                                    correct=True, answered_at=NOW)
    ActivityResult.objects.create(registration=record.registration, subject="sub-lan",
                                  context_id=record.context_id, resource_link_id="d",
                                  activity="dialect_lesson",
                                  score=1.0, summary={"lesson": "greetings"}, finished_at=NOW)
    manager = Client()
    response = launch(manager, "manager1").response
    assert response.status_code == 200
    lan_card = card(response.content.decode(), "sub-lan")
    assert "Thi Lan Nguyen" in lan_card and "鹿児島弁 100%" in lan_card
    assert manager.get(download_url(response.content.decode()), secure=True).status_code == 200
