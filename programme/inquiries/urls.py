"""Mounted by the portal at ``/operator/questions/``."""

from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("new/", views.question_add, name="add"),
    path("<int:pk>/", views.question_detail, name="detail"),
]
