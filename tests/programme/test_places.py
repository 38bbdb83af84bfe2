"""One capacity (``ProgrammeCounter.places``) and one path for freed places: rules, status, report agree."""

from datetime import date, datetime

import pytest

from programme import places
from programme.approvals import ApprovalRefused, approve_learner
from programme.inactivity import PROGRAMME_TZ
from programme.models import ApplicationLearner, WaitingListEntry
from programme.quota import pick_waiting
from reports import data, monthly
from sync_service.status import status

NOW = datetime(2026, 10, 5, 9, tzinfo=PROGRAMME_TZ)


@pytest.mark.parametrize(("waiting", "free", "held", "closed", "chosen"), [
    ([(1, 10, 3), (2, 11, 3)], 1, {}, frozenset(), [1]),                 # in order
    ([(1, 10, 3), (2, 11, 3)], 2, {10: 3}, frozenset(), [2]),           # full company skipped
    ([(1, 10, 5), (2, 10, 5), (3, 11, 3)], 3, {10: 4}, frozenset(), [1, 3]),  # one more fits at 10
    ([(1, 10, 3), (2, 11, 3)], 2, {}, frozenset({10}), [2]),            # a suspended company is closed
    ([(1, 10, 3)], 0, {}, frozenset(), []),                             # nothing free, nothing offered
])
def test_who_gets_freed_places(waiting, free, held, closed, chosen):
    assert pick_waiting(waiting, free, held, closed) == chosen
    assert held == dict(held)  # not mutated


@pytest.fixture
def small_programme(company_factory, learner_factory):
    row = places.counter()
    row.places = 2
    row.save()
    company = company_factory("Sakurajima Farm", employees=45, joined_on=date(2026, 9, 1))
    for n in range(2):
        learner_factory(company=company, login_id=f"k26-0000{n}", joined_on=date(2026, 9, 1))
    return company


def test_the_configured_capacity_shows_in_status_and_report(small_programme):
    found = places.ledger()
    assert (found.places, found.held, found.free) == (2, 2, 0)
    assert "places: 2 of 2 held" in "\n".join(status(NOW).lines)
    frames = monthly.build(monthly.Month.parse("2026-10"), *data.records(monthly.Month.parse("2026-10")),
                           generated_at=NOW, places=data.places())
    summary = dict(frames["Summary"].values.tolist())
    assert summary["Programme places"] == 2 and summary["Places free when generated"] == 0


def test_a_full_programme_refuses_an_approval_at_its_configured_capacity(small_programme, company_factory):
    other = company_factory("Kinko Fisheries", employees=10, joined_on=date(2026, 9, 1))
    applicant = ApplicationLearner.objects.create(
        company=other, login_id="k26-00099", display_name="A", nationality="Viet Nam",
        residence_status="技能実習2号", applied_on=date(2026, 10, 1))
    with pytest.raises(ApprovalRefused, match="2 places are all taken"):
        approve_learner(applicant, "prefecture", "ok", NOW)
    row = places.counter()
    row.places = 3
    row.save()
    assert approve_learner(applicant, "prefecture", "ok", NOW).login_id == "k26-00099"


def test_no_offer_when_the_capacity_is_full_and_one_when_raised(small_programme, company_factory):
    other = company_factory("Kinko Fisheries", employees=10, joined_on=date(2026, 9, 1))
    WaitingListEntry.objects.create(company=other, position=1, display_name="W1", nationality="Indonesia",
                                    residence_status="特定技能1号", added_on=date(2026, 9, 2))
    assert places.offer_freed_places(NOW) == []
    row = places.counter()
    row.places = 3
    row.save()
    offered = places.offer_freed_places(NOW)
    assert [o.entry.position for o in offered] == [1]
    assert WaitingListEntry.objects.get(position=1).status == WaitingListEntry.Status.OFFERED
