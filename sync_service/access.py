"""Who may study: the programme's decision, asked by the hosts we run (the LTI tool).

A learner stopped by the weekly-login rule (P6) may not start the drill again; users the registry
does not know (a course's other students, staff) are the LMS's business and may.
"""

from __future__ import annotations

from .models import Learner

STOPPED_MESSAGE = ("Your place in the Kagoshima Nihongo programme has ended. "
                   "Please talk to your company's learning-support person.")


def may_study(lms_user_id: str) -> bool:
    return not Learner.objects.filter(lms_user_id=lms_user_id, status=Learner.Status.STOPPED).exists()
