"""``nihongo rules run``: apply the weekly-login rule to the registry, or show what it would do.

Reads facts (learners, their login days), asks the pure rules in ``inactivity`` for decisions,
drops the ones already recorded, and with ``apply`` records the rest in one transaction: the
decision with its evidence, the notices in the outbox, learners stopped, places offered.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from programme import inactivity, notice_texts, places
from programme.inactivity import Decision, Kind, LearnerFacts
from programme.models import (
    Company,
    DailyActivity,
    HostAction,
    Learner,
    Notice,
    RuleDecision,
    WaitingListEntry,
)

log = logging.getLogger(__name__)

@dataclass
class RunReport:
    decisions: list[Decision] = field(default_factory=list)
    replacements: list[tuple[int, int]] = field(default_factory=list)  # (waiting position, company id)
    notices: int = 0

    def lines(self, names: dict[int, str], logins: dict[int, str]) -> list[str]:
        out = []
        for d in self.decisions:
            who = ", ".join(logins[i] for i in d.learner_ids) or "-"
            out.append(f"{d.kind.value:<11} {names[d.company_id]:<30} week of {d.week}  learners: {who}")
        for position, company_id in self.replacements:
            out.append(f"{'replacement':<11} {names[company_id]:<30} place offered to waiting #{position}")
        return out


def _facts() -> list[LearnerFacts]:
    days = defaultdict(set)
    present = DailyActivity.objects.filter(DailyActivity.PRESENT)  # any activity that day (P6)
    for learner_id, day in present.values_list("learner_id", "day"):
        days[learner_id].add(day)
    return [LearnerFacts(x.id, x.company_id, x.joined_on, frozenset(days[x.id]),
                         x.status == Learner.Status.ACTIVE)
            for x in Learner.objects.all()]


def _recorded() -> set[tuple]:
    return {(d.kind, d.company_id, d.week.isoformat(), tuple(json.loads(d.learner_key)))
            for d in RuleDecision.objects.all()}


def _watch_outcomes(facts: list[LearnerFacts], warnings: list[Decision], now: datetime) -> list[Decision]:
    """For each company: the watch opened by its first warning after its last watch outcome."""
    closed = defaultdict(lambda: None)
    for d in RuleDecision.objects.filter(kind__in=[Kind.SUSPENSION, Kind.IMPROVED]).order_by("week"):
        closed[d.company_id] = d.week
    suspended = set(RuleDecision.objects.filter(kind=Kind.SUSPENSION).values_list("company_id", flat=True))
    outcomes = []
    for company_id in sorted({w.company_id for w in warnings} - suspended):
        opened = [w.week for w in warnings if w.company_id == company_id
                  and (closed[company_id] is None or w.week > closed[company_id])]
        if opened:
            outcome = inactivity.watch_outcome(min(opened), company_id, facts, now)
            if outcome:
                outcomes.append(outcome)
    return outcomes


def plan(now: datetime) -> RunReport:
    facts = _facts()
    since = min((f.joined_on for f in facts), default=inactivity.today_in_japan(now))
    suspended = set(RuleDecision.objects.filter(kind=Kind.SUSPENSION).values_list("company_id", flat=True))
    live = [f for f in facts if f.company_id not in suspended]
    warnings = inactivity.warnings(live, now, since)
    outcomes = _watch_outcomes(live, warnings, now)
    stopped_from = {d.company_id: inactivity.monday(date.fromisoformat(d.evidence["watch_ends"]))
                    for d in outcomes if d.kind is Kind.SUSPENSION}
    decided = [d for d in inactivity.nudges(live, now) + warnings
               if d.company_id not in stopped_from or d.week < stopped_from[d.company_id]] + outcomes
    recorded = _recorded()
    report = RunReport([d for d in decided if d.key not in recorded])
    freed = sum(len(d.learner_ids) for d in report.decisions if d.kind is Kind.SUSPENSION)
    report.replacements = _offers(freed, suspended | {d.company_id for d in report.decisions
                                                      if d.kind is Kind.SUSPENSION}, now)
    return report


def _offers(freed: int, closed_companies: set[int], now: datetime) -> list[tuple[int, int]]:
    """Waiting applicants, in order, whose company still has room, up to the freed places (the one path:
    ``programme.places.offer_freed_places``)."""
    if not freed:
        return []
    chosen = places.offer_freed_places(now, frozenset(closed_companies), extra_free=freed, limit=freed,
                                       dry_run=True)
    return [(o.entry.position, o.entry.company_id) for o in chosen]


@transaction.atomic
def apply(report: RunReport, now: datetime) -> RunReport:
    for decision in report.decisions:  # the operators' record (O3): kinds, companies and counts, no names
        log.info("rule %s for company #%s (week of %s): %d learner(s)", decision.kind.value,
                 decision.company_id, decision.week, len(decision.learner_ids))
    for position, company_id in report.replacements:
        log.info("rule replacement: waiting #%s offered a place at company #%s", position, company_id)
    today = inactivity.today_in_japan(now).isoformat()
    for decision in report.decisions:
        row = RuleDecision.objects.create(
            kind=decision.kind.value, company_id=decision.company_id, week=decision.week,
            learner_key=json.dumps(list(decision.learner_ids)), evidence=decision.evidence, decided_at=now)
        row.learners.set(decision.learner_ids)
        report.notices += _notify(row, decision, now, today)
        if decision.kind is Kind.SUSPENSION:
            Learner.objects.filter(id__in=decision.learner_ids).update(status=Learner.Status.STOPPED)
            # the LTI tool refuses stopped learners itself; Open edX is told by `nihongo hosts push`
            HostAction.objects.bulk_create([HostAction(decision=row, learner_id=learner_id)
                                            for learner_id in decision.learner_ids])
    for position, company_id in report.replacements:
        places.offer(WaitingListEntry.objects.select_for_update().get(position=position), now)
        row = RuleDecision.objects.create(
            kind=RuleDecision.Kind.REPLACEMENT, company_id=company_id, week=inactivity.monday(
                inactivity.today_in_japan(now)), learner_key=json.dumps([f"waiting-{position}"]),
            evidence={"waiting_position": position, "offered_on": today}, decided_at=now)
        report.notices += _to_managers(row, notice_texts.REPLACEMENT, now, position=position, today=today)
    return report


def _notify(row: RuleDecision, decision: Decision, now: datetime, today: str) -> int:
    learners = list(Learner.objects.filter(id__in=decision.learner_ids))
    logins = ", ".join(x.login_id for x in learners)
    if decision.kind is Kind.NUDGE:
        return sum(_to_learner(row, x, notice_texts.NUDGE, now) for x in learners)
    if decision.kind is Kind.WARNING:
        return _to_managers(row, notice_texts.WARNING, now, week=decision.evidence["week"], learners=logins)
    if decision.kind is Kind.SUSPENSION:
        sent = _to_managers(row, notice_texts.SUSPENSION_COMPANY, now, learners=logins, today=today,
                            warned_on=decision.evidence["warned_on"],
                            evidence=_missed_weeks(decision.evidence["learners_without_login_by_week"]))
        return sent + sum(_to_learner(row, x, notice_texts.SUSPENSION_LEARNER, now) for x in learners)
    return 0


def _missed_weeks(by_week: dict[str, list[int]]) -> str:
    """"2026-10-12: k26-0004; …" — the weeks in which someone did not log in, by login ID."""
    logins = dict(Learner.objects.values_list("id", "login_id"))
    return "; ".join(f"{week}: {', '.join(logins[i] for i in ids)}" for week, ids in by_week.items() if ids)


def _to_learner(row, learner: Learner, texts: dict, now: datetime) -> int:
    subject, body = notice_texts.pick(texts, learner.help_language)
    language = learner.help_language if learner.help_language in texts else "en"
    Notice.objects.create(decision=row, recipient_kind="learner", learner=learner, language=language,
                          subject=subject, body=body, created_at=now)
    return 1


def _to_managers(row, texts: dict, now: datetime, **values) -> int:
    subject, body = notice_texts.pick(texts, "ja")
    company = Company.objects.get(id=row.company_id)
    count = 0
    for manager in company.managers.all():
        Notice.objects.create(decision=row, recipient_kind="manager", manager=manager, language="ja",
                              subject=subject.format(**values), body=body.format(**values), created_at=now)
        count += 1
    return count


def run(now: datetime, apply_changes: bool) -> RunReport:
    report = plan(now)
    return apply(report, now) if apply_changes else report
