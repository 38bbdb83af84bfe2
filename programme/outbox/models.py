"""Every mail the programme sends, from queueing to sending, with what happened to it (O10)."""

from django.db import models


class OutgoingMail(models.Model):
    """One mail. More than one recipient: they all go in BCC, never To or CC."""

    class Status(models.TextChoices):
        QUEUED = "queued"          # waiting out its hold; ready after unless it needs approval
        APPROVED = "approved"      # personal data, double-checked by an operator
        SENT = "sent"
        FAILED = "failed"
        CANCELLED = "cancelled"

    class Channel(models.TextChoices):
        MAIL = "mail"
        LETTER = "letter"  # a company without e-mail: a PDF to print and post (``nihongo outbox letters``)

    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.MAIL)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    recipients = models.JSONField(help_text="E-mail addresses; several go in BCC")
    postal_address = models.TextField(blank=True, help_text="Letters: the addressee and address to print")
    personal_data = models.BooleanField(
        help_text="Holds learners' personal data: an operator must approve it after a double check")
    purpose = models.CharField(max_length=100, help_text="Why it is sent (credentials, notice, report...)")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.CharField(max_length=100)
    created_at = models.DateTimeField()
    hold_until = models.DateTimeField(help_text="Until then the sender can cancel; nothing is sent")
    approved_by = models.CharField(max_length=100, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"mail {self.pk} ({self.status})"  # never the addresses: strings end up in logs

    @property
    def is_group(self) -> bool:
        return len(self.recipients) > 1

    @property
    def addressees(self) -> int:
        """Recipients an approver counts: a letter has one addressee."""
        return 1 if self.channel == self.Channel.LETTER else len(self.recipients)


class Attachment(models.Model):
    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    encrypted = models.BooleanField(help_text="An AES-encrypted zip whose password travels another way")

    def __str__(self):
        return self.filename


class MailEvent(models.Model):
    """The mail's record: queued, cancelled, approved, sent, failed — who and when."""

    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    action = models.CharField(max_length=20)
    by = models.CharField(max_length=100)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
