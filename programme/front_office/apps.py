from django.apps import AppConfig


class FrontOfficeConfig(AppConfig):
    """The entry form and the prefecture's review; its models live in ``programme.models``."""

    name = "programme.front_office"
    label = "front_office"
    verbose_name = "Applications (利用申請)"
