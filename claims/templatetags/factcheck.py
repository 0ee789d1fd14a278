"""Template filters shared by the desk, the public pages and the admin."""

from django import template

from ..review.display import (
    change_label,
    change_value,
    changes_display,
    checkworthiness_badge,
    fact_check_rating,
    figure,
    language_name,
    reasons_display,
)

register = template.Library()
register.filter("checkworthiness", checkworthiness_badge)
register.filter("changes", changes_display)
register.filter("change_label", change_label)
register.filter("change_value", change_value)
register.filter("reasons", reasons_display)
register.filter("language_name", language_name)
register.filter("fact_check_rating", fact_check_rating)
register.filter("figure", figure)
