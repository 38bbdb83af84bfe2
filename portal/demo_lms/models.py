"""The demo platform's own state: its keys and the gradebook that AGS scores land in."""

from django.db import models


class PlatformKey(models.Model):
    private_pem = models.TextField()
    public_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)


class LineItem(models.Model):
    context_id = models.CharField(max_length=255, blank=True, help_text="The course (one per company)")
    resource_link_id = models.CharField(max_length=255)
    label = models.CharField(max_length=255)
    score_maximum = models.FloatField(default=1)
    tag = models.CharField(max_length=255, blank=True)
    resource_id = models.CharField(max_length=255, blank=True)


class Score(models.Model):
    """Latest score per user and line item, as the tool reported it."""

    line_item = models.ForeignKey(LineItem, on_delete=models.CASCADE, related_name="scores")
    user_id = models.CharField(max_length=255)
    score_given = models.FloatField(null=True)
    score_maximum = models.FloatField(null=True)
    activity_progress = models.CharField(max_length=32)
    grading_progress = models.CharField(max_length=32)
    timestamp = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["line_item", "user_id"], name="one_score_per_user")]


class ContentLink(models.Model):
    """A resource link a course author created by deep linking: what the tool sent back."""

    context_id = models.CharField(max_length=255, help_text="The course it was added to")
    title = models.CharField(max_length=255)
    url = models.URLField(max_length=500, blank=True)
    custom = models.JSONField(default=dict)
    line_item = models.ForeignKey(LineItem, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def resource_link_id(self) -> str:
        return f"dl-{self.pk}"
