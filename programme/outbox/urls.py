"""The operator's outbox: double-check and approve mail holding personal data."""

from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("", views.mail_list, name="list"),
    path("<int:pk>/", views.mail_check, name="check"),
    path("<int:pk>/cancel/", views.mail_cancel, name="cancel"),
]
