from django.urls import path

app_name = "lti_tool"
urlpatterns: list = []  # filled by the LTI tool (login, launch, jwks, answer)
