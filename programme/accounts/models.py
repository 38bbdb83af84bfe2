"""Login accounts of learners and managers, and the record of every issue and reset (P5)."""

from django.conf import settings
from django.db import models


class Account(models.Model):
    """A person's login: the Django user (username = login ID, no e-mail needed) and whose it is."""

    class Kind(models.TextChoices):
        LEARNER = "learner"
        MANAGER = "manager"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nihongo")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    company = models.ForeignKey("programme.Company", on_delete=models.PROTECT, related_name="accounts")
    learner = models.OneToOneField("programme.Learner", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="account")
    manager = models.OneToOneField("programme.Manager", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="account")
    must_change_password = models.BooleanField(default=True)
    issued_at = models.DateTimeField()
    host_state = models.JSONField(
        default=dict, blank=True,
        help_text='Per host: {"openedx": {"account": created|existed|failed, "enrolled_in": key, "error"}}')

    def __str__(self):
        return self.user.get_username()  # the login ID, never the name


class IssueRecord(models.Model):
    """One issue or reset: who, when, for whom, and a fingerprint of the packet (no passwords kept)."""

    class Kind(models.TextChoices):
        ISSUE = "issue"
        RESET = "reset"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    company = models.ForeignKey("programme.Company", on_delete=models.PROTECT, related_name="issues")
    login_ids = models.JSONField(help_text="The accounts covered")
    at = models.DateTimeField()
    by = models.CharField(max_length=100)
    packet_sha256 = models.CharField(max_length=64)
    host = models.CharField(max_length=16, default="none")
    host_result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
