"""Mounted by the portal at ``/surveys/``."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("<slug:survey_id>/<str:token>/", views.survey_form, name="form"),
]
