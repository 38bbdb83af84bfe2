from django.apps import AppConfig


class LtiToolConfig(AppConfig):
    name = "lti_tool"
    verbose_name = "LTI 1.3 tool"
