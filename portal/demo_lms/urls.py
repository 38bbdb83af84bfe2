from django.urls import path

from . import memberships, views

app_name = "demo_lms"
urlpatterns = [
    path("", views.index, name="index"),
    path("launch/<str:login_id>/", views.launch, name="launch"),
    path("deep-link/<str:login_id>/", views.deep_link, name="deep_link"),
    path("deep-link-return/", views.deep_link_return, name="deep_link_return"),
    path("auth/", views.auth, name="auth"),
    path("jwks/", views.jwks, name="jwks"),
    path("token/", views.token, name="token"),
    path("lineitems/", views.lineitems, name="lineitems"),
    path("lineitems/<int:line_item_id>", views.lineitem, name="lineitem"),
    path("lineitems/<int:line_item_id>/scores", views.scores, name="scores"),
    path("gradebook/", views.gradebook_view, name="gradebook"),
    path("memberships/<str:context_id>/", memberships.memberships, name="memberships"),
]
