from django.urls import include, path

from . import activities, deep_linking_views, manager_views, new_window_views, registration_views, views
from .audio_views import audio as audio_file

app_name = "lti_tool"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("launch/", views.launch_view, name="launch"),
    path("launched/<str:launch_id>/", views.launched, name="launched"),
    path("jwks/", views.jwks, name="jwks"),
    path("audio/<path:name>", audio_file, name="audio"),
    path("deep-link/<str:launch_id>/", deep_linking_views.choose, name="deep_link_choose"),
    path("register/", registration_views.register, name="register"),
    path("new-window/<str:launch_id>/", new_window_views.issue, name="new_window"),
    path("resume/<str:token>/", new_window_views.resume, name="resume"),
    path("dashboard/<str:token>/learners.xlsx", manager_views.download, name="dashboard_xlsx"),
] + [
    # each activity's endpoints, named "lti_tool:<activity>_<name>" by the module
    path(f"{activities.url_prefix(name)}/", include(activities.urlpatterns(name)))
    for name in activities.NAMES
]
