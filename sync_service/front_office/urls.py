"""The public entry form (申請) and the prefecture's review view."""

app_name = "front_office"
urlpatterns = []
