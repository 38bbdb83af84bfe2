"""What every learner endpoint of the tool shares: who is calling, the JSON body, JSON refusals.

An activity's page holds its launch ID (a secret bound to a ``LaunchRecord``); its endpoints take
JSON only (which a cross-site form cannot send) and answer JSON, refusals included.
"""

from __future__ import annotations

import dataclasses
import json

from django.http import JsonResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from curriculum.drill import DrillError

from . import launch, restored, statements
from .claims import read_launch
from .learner import Learner


class Refused(Exception):
    """A request the tool will not serve; ``status`` is the HTTP status of the JSON answer."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def learner_for(request, launch_id: str) -> tuple[Learner, object]:
    """The learner behind ``launch_id`` and the restored launch, or ``Refused``."""
    record = statements.learner_launch(launch_id)  # with its registration, in one statement
    if record is None:
        raise Refused("Unknown launch: open the activity from your course again.", 403)
    try:
        browser_language = translation.get_language_from_request(request)
        if record.claims:  # the record keeps what the request needs: no cache, no other query
            ml = restored.restore(request, record, timezone.now())
            claims = _read(record, browser_language)
        else:  # launched before records kept their claims
            ml = launch.restore(request, launch_id)
            claims = read_launch(ml.get_launch_data(), browser_language)
    except Exception as exc:  # expired launch data, missing session cookie
        raise Refused("This launch has expired: open the activity from your course again.", 403) from exc
    if claims.subject != record.subject:
        raise Refused("This launch belongs to someone else.", 403)
    return Learner(record, claims), ml


#: Launches as ``read_launch`` reads them, by (launch ID, launch time, browser language): the claims of a
#: record never change, and the record itself is still read (and checked) on every request, so an erased
#: or expired launch is refused at once. Without the learner's name (no endpoint uses it): no personal
#: data stays in a process's memory. Bounded: emptied when full.
_READ: dict[tuple, object] = {}
_READ_MAX = 20_000


def _read(record, browser_language: str):
    key = (record.launch_id, record.launched_at, browser_language)
    found = _READ.get(key)
    if found is None:
        found = dataclasses.replace(read_launch(record.claims, browser_language), name="")
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        _READ[key] = found
    return found


def json_body(request) -> object:
    """The request's JSON body, or ``Refused`` (400) saying what is wrong with it."""
    if request.content_type != "application/json":
        raise Refused("Send JSON (Content-Type: application/json).", 400)
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        raise Refused("The body is not valid JSON.", 400) from None


def json_endpoint(use_case, errors: tuple[type[Exception], ...] = (DrillError,)):
    """A POST-JSON view around ``use_case(learner, ml, data, now) -> dict``.

    ``errors`` are the use case's own refusals (bad or forged input): they answer 400 with their
    message, and the use case must have changed nothing when it raises one.
    """
    @csrf_exempt
    @require_POST
    def view(request, launch_id: str):
        try:
            data = json_body(request)
            learner, ml = learner_for(request, launch_id)
            return JsonResponse(use_case(learner, ml, data, timezone.now()))
        except Refused as exc:
            return JsonResponse({"error": str(exc)}, status=exc.status)
        except errors as exc:
            return JsonResponse({"error": str(exc)}, status=400)
    view.__name__ = use_case.__name__
    view.__doc__ = use_case.__doc__
    return view
