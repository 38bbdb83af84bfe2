from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import health, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("lti/", include("lti_tool.urls")),
    path("operator/questions/", include("programme.inquiries.urls")),
    path("surveys/", include("programme.surveys.urls")),
    path("apply/", include("programme.front_office.urls")),
    path("operator/outbox/", include("programme.outbox.urls")),
    path("operator/identities/", include("programme.identity_views")),
    path("accounts/", include("programme.accounts.urls")),
]
if settings.NIHONGO_DEMO:  # the demo LMS exists only in the demo (NIHONGO_DEMO=1)
    urlpatterns.append(path("demo-lms/", include("portal.demo_lms.urls")))
