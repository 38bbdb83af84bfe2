from django.urls import include, path

from portal.urls import urlpatterns as portal_urls

urlpatterns = portal_urls + [path("workbench/", include("workbench.urls"))]
