"""Quota rules (P1–P3) at their boundaries, pure and through ``approve_learner``."""

from datetime import date, datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from curriculum.japan_time import japan_date
from programme import quota
from programme.approvals import ApprovalRefused, approve_learner, programme_counter
from programme.models import ApplicationLearner, Learner
from programme.quota import RecruitmentWindow, WindowState, company_quota, decide_places, split_application
from tests.conftest import jst

START = date(2026, 5, 1)


@pytest.mark.parametrize(("employees", "places"), [(0, 3), (1, 3), (29, 3), (30, 5), (31, 5), (5000, 5)])
def test_company_quota_is_3_below_30_employees_and_5_from_30(employees, places):
    assert company_quota(employees) == places


@pytest.mark.parametrize(("company_taken", "quota_", "granted"), [
    (2, 3, 1),  # the 3rd learner of a small company
    (3, 3, 0),  # the 4th
    (4, 5, 1),  # the 5th learner of a large company
    (5, 5, 0),  # the 6th
])
def test_one_more_learner_fits_until_the_company_quota(company_taken, quota_, granted):
    assert decide_places(1, company_taken, quota_, 100, 300) == (granted, 1 - granted)


@pytest.mark.parametrize(("programme_taken", "granted"), [(298, 1), (299, 1), (300, 0)])
def test_the_300th_place_is_the_last(programme_taken, granted):
    assert decide_places(1, 0, 5, programme_taken, 300) == (granted, 1 - granted)


def test_what_does_not_fit_waits():
    assert decide_places(5, 1, 3, 0, 300) == (2, 3)
    assert decide_places(5, 0, 5, 297, 300) == (3, 2)
    assert decide_places(0, 3, 3, 300, 300) == (0, 0)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        decide_places(-1, 0, 3, 0, 300)


@pytest.mark.parametrize(("at", "open_"), [
    (jst(2026, 4, 30, 23), False),
    (jst(2026, 5, 1, 0), True),
    (jst(2026, 8, 31, 23), True),  # 2026-08-31 23:00 in Tokyo is still August there (14:00 UTC)
    (jst(2026, 9, 1, 0), False),  # 2026-09-01 00:00 in Tokyo is 2026-08-31 15:00 UTC: closed all the same
])
def test_recruitment_runs_to_31_august_in_japan_time(at, open_):
    from programme.inactivity import today_in_japan

    assert RecruitmentWindow(START).is_open(today_in_japan(at), places_taken=10) is open_


@pytest.mark.parametrize(("taken", "open_"), [(299, True), (300, False)])
def test_recruitment_closes_as_soon_as_the_places_are_full(taken, open_):
    assert RecruitmentWindow(START).is_open(date(2026, 7, 1), taken) is open_


def test_the_end_is_configurable_and_the_window_round_trips():
    window = RecruitmentWindow(START, date(2026, 9, 30), places=250)
    assert window.is_open(date(2026, 9, 1), 0)
    assert RecruitmentWindow.from_dict(window.to_dict()) == window
    assert RecruitmentWindow(START).end == quota.RECRUITMENT_ENDS_ON == date(2026, 8, 31)


# --- through the database ----------------------------------------------------------------------------


@pytest.fixture
def applicant_factory(db):
    counter = iter(range(1, 10_000))

    def make(company, **extra):
        n = next(counter)
        return ApplicationLearner.objects.create(
            company=company, login_id=f"a26-{n:04d}", display_name=f"Applicant {n}", nationality="Viet Nam",
            residence_status="特定技能1号", applied_on=date(2026, 6, 1), **extra)
    return make


@pytest.mark.parametrize(("employees", "quota_"), [(29, 3), (30, 5)])
def test_approvals_stop_at_the_company_quota(company_factory, applicant_factory, employees, quota_):
    company = company_factory(employees=employees)
    applicants = [applicant_factory(company) for _ in range(quota_ + 1)]
    for applicant in applicants[:-1]:
        approve_learner(applicant, "pref-reviewer-1", "approved 2026-06-10 (ref 123)", jst(2026, 6, 10))
    last = applicants[-1]
    with pytest.raises(ApprovalRefused, match=rf"^{last.login_id}: company #{company.id} already has "
                                              rf"{quota_} of its {quota_} places"):
        approve_learner(last.id, "pref-reviewer-1", "ref 124", jst(2026, 6, 10))
    last.refresh_from_db()
    assert last.status == ApplicationLearner.Status.PENDING and last.learner is None
    assert company.learners.count() == quota_


def test_an_approval_records_who_when_and_why_and_issues_the_login(company_factory, applicant_factory):
    applicant = applicant_factory(company_factory(employees=10))
    learner = approve_learner(applicant, "pref-reviewer-1", "ref 123", jst(2026, 9, 1, 0))
    applicant.refresh_from_db()
    assert (learner.login_id, learner.status, learner.joined_on) == (applicant.login_id, "active",
                                                                      date(2026, 9, 1))
    assert (applicant.status, applicant.learner, applicant.reviewer, applicant.reason, applicant.decided_at) \
        == ("approved", learner, "pref-reviewer-1", "ref 123", jst(2026, 9, 1, 0))
    with pytest.raises(ApprovalRefused, match=rf"^{applicant.login_id}: already approved$"):
        approve_learner(applicant, "pref-reviewer-1", "again", jst(2026, 9, 2))


def test_stopped_learners_free_their_places(company_factory, applicant_factory, learner_factory):
    company = company_factory(employees=10)
    for _ in range(3):
        learner_factory(company=company, status=Learner.Status.STOPPED)
    approve_learner(applicant_factory(company), "pref-reviewer-1", "replacement", jst(2026, 10, 1))
    assert company.learners.filter(status=Learner.Status.ACTIVE).count() == 1


@pytest.mark.parametrize(("others", "approved"), [(299, True), (300, False)])
def test_the_300th_place_is_the_last_in_the_database(company_factory, applicant_factory, others, approved):
    company = company_factory(employees=50)
    Learner.objects.bulk_create(
        Learner(company=company, login_id=f"x-{i}", lms_user_id=f"x-{i}", display_name="x", nationality="x",
                residence_status="x", joined_on=date(2026, 6, 1)) for i in range(others))
    newcomer = company_factory(employees=50)
    applicant = applicant_factory(newcomer)
    if approved:
        approve_learner(applicant, "pref-reviewer-1", "ref", jst(2026, 7, 1))
        assert Learner.objects.count() == 300
    else:
        with pytest.raises(ApprovalRefused, match=r"the programme's 300 places are all taken"):
            approve_learner(applicant, "pref-reviewer-1", "ref", jst(2026, 7, 1))
        assert Learner.objects.count() == 300


def test_the_counter_row_configures_places_and_window(db):
    from programme.approvals import recruitment_window

    counter = programme_counter()
    assert (counter.places, recruitment_window(counter).end) == (300, date(2026, 8, 31))
    counter.recruitment_opens_on, counter.recruitment_closes_on = START, date(2026, 9, 15)
    counter.save()
    assert recruitment_window(programme_counter()) == RecruitmentWindow(START, date(2026, 9, 15), 300)


def test_approvals_need_an_aware_time_and_a_reviewer(company_factory, applicant_factory):
    from datetime import datetime

    applicant = applicant_factory(company_factory())
    with pytest.raises(ValueError):
        approve_learner(applicant, "pref-reviewer-1", "ref", datetime(2026, 7, 1))
    with pytest.raises(ValueError):
        approve_learner(applicant, " ", "ref", jst(2026, 7, 1))


# --- properties (Hypothesis) --------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=400)


@given(requested=st.integers(0, 10), company_taken=st.integers(0, 6), employees=st.integers(0, 200),
       programme_taken=counts)
def test_granted_places_never_exceed_either_quota(requested, company_taken, employees, programme_taken):
    allowed = company_quota(employees)
    granted, waiting = decide_places(requested, company_taken, allowed, programme_taken, 300)
    assert granted + waiting == requested and granted >= 0 and waiting >= 0
    assert company_taken + granted <= max(company_taken, allowed)
    assert programme_taken + granted <= max(programme_taken, 300)
    if waiting:  # someone waits only when a quota is really full
        assert company_taken + granted >= allowed or programme_taken + granted >= 300


@given(employees=st.integers(0, 10_000))
def test_the_quota_switches_at_30_employees(employees):
    assert company_quota(employees) == (3 if employees < 30 else 5)


@given(learners=st.integers(1, 6), employees=st.integers(1, 60), company_taken=st.integers(0, 5),
       company_pending=st.integers(0, 5), programme_taken=counts, programme_pending=st.integers(0, 50))
def test_an_application_is_refused_beyond_the_quota_and_pending_places_count(
        learners, employees, company_taken, company_pending, programme_taken, programme_pending):
    allowed = company_quota(employees)
    if learners > allowed:
        with pytest.raises(ValueError, match=f"at most {allowed}"):
            split_application(learners, employees, company_taken, company_pending, programme_taken,
                              programme_pending)
        return
    split = split_application(learners, employees, company_taken, company_pending, programme_taken,
                              programme_pending)
    assert split.fits + split.waiting == learners
    assert company_taken + company_pending + split.fits <= max(allowed, company_taken + company_pending)
    assert programme_taken + programme_pending + split.fits <= max(300, programme_taken + programme_pending)


@given(moment=st.datetimes(min_value=datetime(2026, 3, 1), max_value=datetime(2026, 10, 1),
                           timezones=st.just(timezone.utc)),
       taken=st.integers(0, 310))
def test_the_window_is_read_on_the_japan_calendar(moment, taken):
    window = RecruitmentWindow(START)
    state = window.state_at(moment, taken)
    day = japan_date(moment)
    assert (state is WindowState.OPEN) == (START <= day <= date(2026, 8, 31) and taken < 300)
    assert (state is WindowState.ENDED) == (day > date(2026, 8, 31))
    assert window.is_open(day, taken) == (state is WindowState.OPEN)


def test_the_window_needs_an_aware_time():
    with pytest.raises(ValueError):
        RecruitmentWindow(START).state_at(datetime(2026, 6, 1), 0)


@pytest.mark.parametrize(("taken", "state"), [(299, WindowState.OPEN), (300, WindowState.FULL)])
def test_the_300th_place_closes_the_window(taken, state):
    assert RecruitmentWindow(START).state(date(2026, 6, 1), taken) is state
