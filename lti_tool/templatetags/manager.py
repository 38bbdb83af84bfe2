"""``{{ skill|skill_label }}``: a skill as the manager reads it, in the page's language."""

from django import template

from lti_tool.dashboard import skill_label as _label

register = template.Library()


@register.filter
def skill_label(skill: str) -> str:
    return _label(skill)
