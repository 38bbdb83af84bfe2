from django.conf import settings
from django.shortcuts import render


def landing(request):
    return render(request, "portal/landing.html", {"demo": settings.NIHONGO_DEMO})
