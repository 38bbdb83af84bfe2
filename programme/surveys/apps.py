from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "programme.surveys"
    label = "surveys"
    verbose_name = "Surveys (アンケート)"
