"""Role checks for templates: `{% load newsroom_roles %}{% if user|is_editor %}`."""

from django import template

from commitments import roles

register = template.Library()


@register.filter
def is_editor(user: roles.User) -> bool:
    return roles.is_editor(user)


@register.filter
def is_journalist(user: roles.User) -> bool:
    return roles.is_journalist(user)
