"""Questions from companies and learners, and the answers given (docs/programme.md P10).

Question and answer texts may contain names: they are personal data (O11). ``__str__`` and the
use cases never put them into logs.
"""

from django.db import models


class Inquiry(models.Model):
    """One question received by the programme office and, once answered, its answer.

    ``answered_at`` is when the first answer was given (the response time the prefecture sees);
    an amended answer replaces ``answer`` and ``answered_by``, sets ``amended_at`` and keeps the
    earlier text as an :class:`AnswerRevision`.
    """

    class Channel(models.TextChoices):
        MAIL = "mail", "mail"
        CHAT = "chat", "chat"
        PHONE = "phone", "phone"
        FORM = "form", "web form"

    class AskerKind(models.TextChoices):
        COMPANY = "company", "company"
        LEARNER = "learner", "learner"

    class Category(models.TextChoices):
        ACCOUNT = "account", "account / login"
        USAGE = "usage", "how to use"
        CONTENT = "content", "learning content"
        TECHNICAL = "technical", "technical problem"
        RULES = "rules", "programme rules"
        OTHER = "other", "other"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ANSWERED = "answered", "answered"

    received_at = models.DateTimeField()
    channel = models.CharField(max_length=8, choices=Channel.choices)
    asker_kind = models.CharField(max_length=8, choices=AskerKind.choices)
    company = models.ForeignKey("programme.Company", on_delete=models.PROTECT, related_name="inquiries")
    learner = models.ForeignKey("programme.Learner", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="inquiries")
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.OTHER)
    question = models.TextField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=150, blank=True, help_text="Operator name or user name")
    amended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "inquiries"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        return f"question {self.pk}"  # never the text: strings end up in logs


class AnswerRevision(models.Model):
    """An earlier answer, kept when an operator amends it (the record of answers stays complete)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="revisions")
    answer = models.TextField()
    answered_by = models.CharField(max_length=150)
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self):
        return f"earlier answer to question {self.inquiry_id}"
