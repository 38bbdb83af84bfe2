"""The operator's outbox: double-check and approve mail holding personal data."""

app_name = "outbox"
urlpatterns = []
