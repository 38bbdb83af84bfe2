"""The programme as the LTI tool sees it: ``lti_tool.programme_port.ProgrammePort`` over the registry.

Lives at the composition root because it is the one place allowed to know both sides.
"""

from __future__ import annotations

from lti_tool.programme_port import ProgrammePort, ProgrammeStatus
from programme.models import Learner, RuleDecision


class RegistryPort(ProgrammePort):
    def may_study(self, issuer: str, subject: str) -> bool:
        return not Learner.objects.filter(lms_user_id=subject, status=Learner.Status.STOPPED).exists()

    def status_of(self, issuer: str, subjects: set[str]) -> ProgrammeStatus:
        learners = Learner.objects.filter(lms_user_id__in=subjects)
        stopped = frozenset(lr.lms_user_id for lr in learners if lr.status == Learner.Status.STOPPED)
        warnings: dict[str, int] = {}
        decisions = RuleDecision.objects.filter(kind=RuleDecision.Kind.WARNING, learners__in=learners)
        for subject in decisions.values_list("learners__lms_user_id", flat=True):
            if subject in subjects:
                warnings[subject] = warnings.get(subject, 0) + 1
        return ProgrammeStatus(warnings, stopped)

    def record_access(self, *, issuer: str, viewer: str, subjects: set[str], what: str, where: str) -> None:
        from programme.audit import record

        companies = set(Learner.objects.filter(lms_user_id__in=subjects).values_list("company_id", flat=True))
        record(who=f"{viewer} ({issuer})", action="export" if what.endswith("xlsx") else "view", what=what,
               where=where, company_ids=companies, subjects=subjects)
