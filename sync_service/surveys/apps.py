from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "sync_service.surveys"
    label = "surveys"
    verbose_name = "Surveys (アンケート)"
