"""The public entry form (申請) and the prefecture's review view; mounted at ``/apply/``."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from . import views

app_name = "front_office"
urlpatterns = [
    path("", views.apply_form, name="form"),
    path("done/", views.done, name="done"),
    path("review/", views.review_list, name="review"),
    path("review/login/", views.ReviewLogin.as_view(), name="login"),
    path("review/logout/", LogoutView.as_view(next_page="front_office:login"), name="logout"),
    path("review/<str:receipt>/", views.review_application, name="review_application"),
    path("review/<str:receipt>/<int:applicant_id>/", views.decide, name="decide"),
]
