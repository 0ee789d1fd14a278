"""Template filters shared by the desk, the public pages and the admin."""

from django import template

from ..review.display import changes_display, checkworthiness_badge

register = template.Library()
register.filter("checkworthiness", checkworthiness_badge)
register.filter("changes", changes_display)
