"""The ``mock_test`` activity through LTI (to be built; see lti_tool/activities/__init__.py)."""

from django.shortcuts import render as _render

urlpatterns = []


def render(request, learner, now):
    return _render(request, "lti_tool/error.html",
                   {"message": "This activity is not available through LTI yet."}, status=501)
