"""``{% new_window_link launch_id language %}``: the "Open in a new window" button of an activity page."""

from django import template
from django.urls import reverse

from lti_tool import new_window

register = template.Library()


@register.inclusion_tag("lti_tool/new_window_link.html")
def new_window_link(launch_id: str, language: str = "en"):
    return {"url": reverse("lti_tool:new_window", kwargs={"launch_id": launch_id}),
            "texts": new_window.texts(language)}
