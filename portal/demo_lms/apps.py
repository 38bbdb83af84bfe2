from django.apps import AppConfig


class DemoLmsConfig(AppConfig):
    name = "portal.demo_lms"
    label = "demo_lms"
    verbose_name = "Demo LMS (LTI 1.3 platform)"
