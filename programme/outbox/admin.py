from django.contrib import admin

from .models import MailEvent, OutgoingMail


class EventInline(admin.TabularInline):
    model = MailEvent
    extra = 0
    readonly_fields = ("at", "action", "by", "detail")
    can_delete = False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Read-only: mail changes only through the outbox's rules (the operator screen or the CLI)."""

    list_display = ("id", "status", "personal_data", "purpose", "created_at", "sent_at")
    list_filter = ("status", "personal_data")
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
