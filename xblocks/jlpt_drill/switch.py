"""The drill's language switch, the same in both hosts (the XBlock, ``lti_tool/drill_flow.py``).

The question on screen comes back in the new language; when the learner is reading the feedback of an
answer, its explanation comes back too, so the whole screen can change without a reload.
"""

from __future__ import annotations

from datetime import datetime

from curriculum import drill_api
from curriculum.bank import Bank
from curriculum.drill import DrillConfig


def switched(state: dict | None, config: DrillConfig, bank: Bank, now: datetime,
             language: str) -> tuple[dict, dict]:
    """``drill_api.present`` in ``language``, plus ``explanation`` of the answer just given (if any)."""
    answered = None
    if state and not state.get("pending") and state.get("round", {}).get("seen"):
        answered = state["round"]["seen"][-1]
    state, payload = drill_api.present(state, config, bank, now, language)
    payload["language"] = language
    if answered and answered in bank:
        payload["explanation"] = bank.get(answered).explanation_in(language)
    return state, payload
