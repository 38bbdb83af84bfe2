"""The operators' view of the registry in Django's admin. Lists show login IDs, not names; pages that show
personal data record who looked (``AuditedAdmin``, O11)."""

from django.contrib import admin

from .audit import AuditedAdmin
from .models import (
    Application,
    ApplicationDecision,
    ApplicationLearner,
    Company,
    DailyActivity,
    HostAction,
    Learner,
    Manager,
    Notice,
    OperationsEntry,
    ProgrammeCounter,
    RuleDecision,
    SyncRun,
    WaitingListEntry,
)


@admin.register(Company)
class CompanyAdmin(AuditedAdmin):
    list_display = ("name", "employees", "industry", "joined_on")


@admin.register(Learner)
class LearnerAdmin(AuditedAdmin):
    list_display = ("login_id", "company", "level", "status", "joined_on")
    list_filter = ("status", "company", "level")
    search_fields = ("login_id",)


@admin.register(Manager)
class ManagerAdmin(AuditedAdmin):
    list_display = ("login_id", "company")


@admin.register(DailyActivity)
class DailyActivityAdmin(admin.ModelAdmin):
    list_display = ("learner", "day", "logins", "items_answered", "items_correct", "best_score")
    list_filter = ("learner__company",)
    date_hierarchy = "day"


@admin.register(RuleDecision)
class RuleDecisionAdmin(admin.ModelAdmin):
    list_display = ("decided_at", "kind", "company", "week", "learner_key")
    list_filter = ("kind", "company")
    readonly_fields = ("evidence",)


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient_kind", "language", "subject", "status")
    list_filter = ("status", "recipient_kind", "language")


@admin.register(WaitingListEntry)
class WaitingListEntryAdmin(AuditedAdmin):
    list_display = ("position", "company", "status", "added_on", "offered_at")


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = ("source", "started_at", "records_read", "rows_changed", "unmatched_subjects")


@admin.register(HostAction)
class HostActionAdmin(admin.ModelAdmin):
    list_display = ("learner", "action", "status", "attempts", "done_at")
    list_filter = ("status", "action")


@admin.register(OperationsEntry)
class OperationsEntryAdmin(admin.ModelAdmin):
    list_display = ("started_at", "kind", "title", "ended_at", "recorded_by")
    list_filter = ("kind",)


@admin.register(ApplicationLearner)
class ApplicationLearnerAdmin(admin.ModelAdmin):
    list_display = ("login_id", "company", "status", "applied_on", "decided_at")
    list_filter = ("status", "company")


@admin.register(ProgrammeCounter)
class ProgrammeCounterAdmin(admin.ModelAdmin):
    list_display = ("places", "recruitment_opens_on", "recruitment_closes_on")


@admin.register(Application)
class ApplicationAdmin(AuditedAdmin):
    """Decisions are taken in the prefecture's review view or by the imported sheet, not here."""

    list_display = ("receipt_number", "company", "status", "submitted_at", "forwarded_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Application._meta.fields]


@admin.register(ApplicationDecision)
class ApplicationDecisionAdmin(admin.ModelAdmin):
    list_display = ("applicant", "outcome", "decided_by", "via", "decided_at")
    list_filter = ("outcome", "via")
    readonly_fields = [f.name for f in ApplicationDecision._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False
