"""What the tool keeps: its keys, the platforms it trusts, and its own records of use.

The records (launches, answers, scores) are what ``nihongo sync`` reads into daily activity.
"""

from django.db import models


class ToolKey(models.Model):
    """An RSA key pair the tool signs with. The newest active key signs; all active keys are published."""

    kid = models.CharField(max_length=64, unique=True)
    private_pem = models.TextField()
    public_pem = models.TextField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class PlatformRegistration(models.Model):
    """One LMS (issuer + client ID) the tool accepts launches from."""

    name = models.CharField(max_length=200)
    issuer = models.CharField(max_length=255)
    client_id = models.CharField(max_length=255)
    auth_login_url = models.URLField(max_length=500)
    auth_token_url = models.URLField(max_length=500)
    auth_audience = models.CharField(max_length=500, blank=True)
    key_set_url = models.URLField(max_length=500, blank=True)
    key_set = models.JSONField(null=True, blank=True, help_text="The platform's JWKS, when it is not fetched")
    deployment_ids = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "client_id"], name="unique_platform_client")]

    def __str__(self):
        return f"{self.name} ({self.issuer})"


class LaunchRecord(models.Model):
    """One successful launch: who, where, in which role, when."""

    registration = models.ForeignKey(PlatformRegistration, on_delete=models.CASCADE)
    launch_id = models.CharField(max_length=100, unique=True, null=True, blank=True,
                                 help_text="PyLTI1p3's launch ID; drill endpoints accept recorded ones only")
    subject = models.CharField(max_length=255, db_index=True, help_text="The LMS's user ID (sub)")
    name = models.CharField(max_length=200, blank=True, help_text="The name the LMS sent, for the dashboard")
    context_id = models.CharField(max_length=255, blank=True)
    resource_link_id = models.CharField(max_length=255)
    activity = models.CharField(max_length=100)
    is_instructor = models.BooleanField(default=False)
    launched_at = models.DateTimeField(db_index=True)
    # What the activity's requests need of the launch, so they restore it with this row alone
    # (lti_tool.restored): the claims it acts on, and a hash of the browser's session cookie.
    claims = models.JSONField(default=dict, blank=True, help_text="The launch claims the tool acts on")
    browser = models.CharField(max_length=64, blank=True,
                               help_text="SHA-256 of the browser's PyLTI1p3 session cookie (HTTPS)")


class DrillProgress(models.Model):
    """A learner's drill on one resource link: the curriculum's state without its cards (the round,
    this week's study days, counters: small whatever the history), the cards in ``DrillCard``."""

    registration = models.ForeignKey(PlatformRegistration, on_delete=models.CASCADE)
    subject = models.CharField(max_length=255)
    context_id = models.CharField(max_length=255, blank=True)
    resource_link_id = models.CharField(max_length=255)
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["registration", "subject", "resource_link_id"], name="unique_drill_progress")]


class DrillCard(models.Model):
    """One spaced-repetition card (FSRS) of a learner's drill: an answer writes its own card only,
    and the next review is found through the index on ``due``."""

    progress = models.ForeignKey(DrillProgress, on_delete=models.CASCADE, related_name="cards")
    item_id = models.CharField(max_length=64)
    due = models.DateTimeField(help_text="The card's due time, copied out of it for the index")
    card = models.JSONField(help_text="The FSRS card as the curriculum writes it")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["progress", "item_id"], name="unique_drill_card")]
        indexes = [models.Index(fields=["progress", "due"], name="drill_card_due")]


class AnswerRecord(models.Model):
    """One answered item, checked by the server."""

    registration = models.ForeignKey(PlatformRegistration, on_delete=models.CASCADE)
    subject = models.CharField(max_length=255, db_index=True)
    context_id = models.CharField(max_length=255, blank=True)
    resource_link_id = models.CharField(max_length=255)
    item_id = models.CharField(max_length=64)
    correct = models.BooleanField()
    answered_at = models.DateTimeField(db_index=True)


class ScoreRecord(models.Model):
    """A score the tool sent (or failed to send) to the platform through AGS."""

    registration = models.ForeignKey(PlatformRegistration, on_delete=models.CASCADE)
    subject = models.CharField(max_length=255, db_index=True)
    resource_link_id = models.CharField(max_length=255)
    earned = models.PositiveIntegerField()
    possible = models.PositiveIntegerField()
    sent_at = models.DateTimeField(db_index=True)
    delivered = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    # The retry queue (lti_tool.score_queue): what a later try needs without the launch, and when.
    class State(models.TextChoices):
        PENDING = "pending"          # to be (re)tried at next_try_at
        DELIVERED = "delivered"
        FAILED = "failed"            # refused by the platform, or out of tries
        SUPERSEDED = "superseded"    # a newer score for the same learner and link replaced it
        NOT_GRADED = "not_graded"    # the launch offered no grade service

    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING, db_index=True)
    ags = models.JSONField(default=dict, blank=True,
                           help_text="The launch's AGS claim (scopes, line item URLs): enough to retry")
    activity = models.CharField(max_length=32, blank=True, help_text="Tag of a line item the tool creates")
    label = models.CharField(max_length=200, blank=True, help_text="Label of a line item the tool creates")
    timestamp = models.DateTimeField(null=True, blank=True,
                                     help_text="AGS timestamp: strictly increasing per learner and link")
    activity_progress = models.CharField(max_length=20, default="Completed")
    grading_progress = models.CharField(max_length=20, default="FullyGraded")
    attempts = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True, db_index=True)


class ActivityState(models.Model):
    """A learner's working state in one resource link of an activity other than the drill.

    ``state`` is the JSON the curriculum core owns (a mock test in progress, a placement's answers,
    a dialect lesson's round); the activity's flow loads it ``select_for_update`` and saves it back.
    One row per (link, activity): a link pointed at another activity keeps each one's state apart.
    """

    registration = models.ForeignKey(PlatformRegistration, on_delete=models.CASCADE)
    subject = models.CharField(max_length=255)
    context_id = models.CharField(max_length=255, blank=True)
    resource_link_id = models.CharField(max_length=255)
    activity = models.CharField(max_length=32)
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["registration", "subject", "resource_link_id", "activity"], name="unique_activity_state")]


class ActivityResult(models.Model):
    """A finished attempt (mock test, placement, dialect lesson): what the manager's view and the
    learner's progress page read. ``summary`` holds the core's result (no personal data)."""

    registration = models.ForeignKey(PlatformRegistration, on_delete=models.CASCADE)
    subject = models.CharField(max_length=255, db_index=True)
    context_id = models.CharField(max_length=255, blank=True, db_index=True)
    resource_link_id = models.CharField(max_length=255)
    activity = models.CharField(max_length=32)
    score = models.FloatField(help_text="0–1")
    passed = models.BooleanField(null=True, blank=True)
    summary = models.JSONField(default=dict)
    finished_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["finished_at", "id"]
