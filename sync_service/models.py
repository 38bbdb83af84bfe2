"""The programme's registry (companies, learners, managers) and the daily activity the sync fills."""

from django.db import models


class Company(models.Model):
    """An employer in the prefecture that hosts learners (受入企業)."""

    name = models.CharField(max_length=200)
    employees = models.PositiveIntegerField()
    industry = models.CharField(max_length=100, blank=True)
    joined_on = models.DateField()

    class Meta:
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name


class Manager(models.Model):
    """The company account that sees its own learners' progress (管理者)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="managers")
    login_id = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(max_length=200)
    lms_user_id = models.CharField(max_length=255, unique=True, help_text="The user's ID in the host LMS")


class Learner(models.Model):
    """A foreign worker in the programme (学習者). Names and nationality are personal data."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        STOPPED = "stopped"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="learners")
    login_id = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(max_length=200)
    nationality = models.CharField(max_length=100)
    residence_status = models.CharField(max_length=100)
    help_language = models.CharField(max_length=8, default="en")
    level = models.CharField(max_length=8, default="N5")
    lms_user_id = models.CharField(max_length=255, unique=True, help_text="The user's ID in the host LMS")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField()

    def __str__(self):
        return self.login_id  # never the name: strings end up in logs


class DailyActivity(models.Model):
    """One learner's day (Japan time), rebuilt from the hosts' records by ``nihongo sync``."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="activity")
    day = models.DateField()
    logins = models.PositiveIntegerField(default=0)
    items_answered = models.PositiveIntegerField(default=0)
    items_correct = models.PositiveIntegerField(default=0)
    best_score = models.FloatField(null=True, blank=True, help_text="Best drill score that day, 0–1")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "day"], name="one_activity_per_day")]
        ordering = ["day"]


class SyncRun(models.Model):
    """One run of ``nihongo sync`` for one source: what it read and what it changed."""

    source = models.CharField(max_length=50)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    records_read = models.PositiveIntegerField(default=0)
    rows_changed = models.PositiveIntegerField(default=0)
    unmatched_subjects = models.PositiveIntegerField(default=0)


class SyncCheckpoint(models.Model):
    """Where the last successful sync of a source stopped (per-record-kind IDs, offsets…)."""

    source = models.CharField(max_length=50, unique=True)
    position = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
