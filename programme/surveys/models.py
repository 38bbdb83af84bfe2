"""Survey answers as submitted. Free-text answers may contain personal data (O11)."""

from django.db import models


class SurveyResponse(models.Model):
    """One respondent's answers to one survey (question id → value), received once per link."""

    survey_id = models.CharField(max_length=50)
    company = models.ForeignKey("programme.Company", on_delete=models.PROTECT,
                                related_name="survey_responses")
    # Erasing a learner keeps the answers, unlinked: the totals stay right without the person.
    learner = models.ForeignKey("programme.Learner", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="survey_responses")
    respondent = models.CharField(max_length=40, help_text="learner:<id> or company:<id>, from the link")
    language = models.CharField(max_length=8)
    submitted_at = models.DateTimeField()
    answers = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey_id", "respondent"], name="one_response_per_link"),
        ]
        ordering = ["submitted_at"]

    def __str__(self):
        return f"{self.survey_id} response {self.pk}"
