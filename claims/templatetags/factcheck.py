"""Template filters shared by the desk, the public pages and the admin."""

from django import template

from ..review.display import change_label, change_value, changes_display, checkworthiness_badge

register = template.Library()
register.filter("checkworthiness", checkworthiness_badge)
register.filter("changes", changes_display)
register.filter("change_label", change_label)
register.filter("change_value", change_value)
