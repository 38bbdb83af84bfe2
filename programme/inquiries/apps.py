from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "programme.inquiries"
    label = "inquiries"
    verbose_name = "Questions and answers (質問対応記録)"
