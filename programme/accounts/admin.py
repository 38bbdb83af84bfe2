from django.contrib import admin

from .models import Account, IssueRecord


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "company", "must_change_password", "issued_at")
    list_filter = ("kind", "must_change_password")
    readonly_fields = ("user", "kind", "company", "learner", "manager", "issued_at")


@admin.register(IssueRecord)
class IssueRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "company", "by", "host")
    readonly_fields = [f.name for f in IssueRecord._meta.fields]
