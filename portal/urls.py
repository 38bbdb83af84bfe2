from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("admin/", admin.site.urls),
    path("lti/", include("lti_tool.urls")),
    path("demo-lms/", include("portal.demo_lms.urls")),
    path("operator/questions/", include("sync_service.inquiries.urls")),
    path("surveys/", include("sync_service.surveys.urls")),
    path("apply/", include("sync_service.front_office.urls")),
    path("operator/outbox/", include("sync_service.outbox.urls")),
    path("accounts/", include("sync_service.accounts.urls")),
]
