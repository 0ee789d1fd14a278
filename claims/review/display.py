"""How a reviewer sees a claim's numbers and records: one definition of the check-worthiness levels,
and stored lists and changes as readable text.

Scores are calibrated, so 0.5 is the line between check-worthy and not. The desk, the admin, the
filters and the API read the levels from here, never from their own copies.
"""

from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import floatformat
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import Claim, Verdict

# (key, lowest score, highest score (exclusive), label), highest level first.
LEVELS = (
    ("high", 0.7, None, _("High")),
    ("medium", 0.5, 0.7, _("Check-worthy")),
    ("low", None, 0.5, _("Low")),
)
BANDS = {key: (low, high) for key, low, high, _label in LEVELS}


def checkworthiness_level(score):
    """The level a score falls in, as (key, label); None for a claim not scored."""
    if score is None:
        return None
    for key, low, _high, label in LEVELS:
        if low is None or score >= low:
            return key, label
    return None  # pragma: no cover - the last level has no lower bound


def checkworthiness_badge(score):
    """A score as its level, the exact figure kept in the title: <span class="cw cw-high">High</span>."""
    level = checkworthiness_level(score)
    if level is None:
        return "—"
    key, label = level
    return format_html('<span class="cw cw-{}" title="{}">{}</span>', key, floatformat(score, 2), label)


def filter_by_level(queryset, key, field="checkworthiness"):
    """Claims whose score falls in the level named by key; all of them for an unknown key."""
    if key not in BANDS:
        return queryset
    low, high = BANDS[key]
    if low is not None:
        queryset = queryset.filter(**{f"{field}__gte": low})
    if high is not None:
        queryset = queryset.filter(**{f"{field}__lt": high})
    return queryset


def change_label(name) -> str:
    """A changed field's name as the page shows it, in the page's language ("claim date", "tanggal klaim")."""
    return _field(name)


def change_value(value, name):
    """A changed field's value as stored (a status's code, a verdict's English name) in the page's language."""
    if value in (None, ""):
        return value
    return _value(name, value)


def figure(value, digits: int = 2) -> str:
    """A number rounded to `digits` places in the page's language (0,18 in Indonesian); "—" for none."""
    if value is None:
        return "—"
    return floatformat(value, digits)


def as_words(values) -> str:
    """A stored list (flags, names, offsets) as plain words: "missing entity, quoted twice"; "—" when empty."""
    shown = [_word(value) for value in values or ()]
    return ", ".join(shown) if shown else "—"


def changes_display(changes):
    """A recorded {"field": [before, after]} as lines "field: before → after"; "—" when nothing changed."""
    if not changes:
        return "—"
    return format_html(
        '<ul class="changes">{}</ul>',
        format_html_join(
            "",
            "<li>{}: {} → {}</li>",
            ((_field(name), _value(name, before), _value(name, after)) for name, (before, after) in _pairs(changes)),
        ),
    )


def _pairs(changes: dict):
    for name, change in changes.items():
        if isinstance(change, list | tuple) and len(change) == 2:
            yield name, change
        else:  # not a [before, after] pair: shown as what it became
            yield name, (None, change)


# Names in recorded changes that are not a claim's field: the public record's parts and the notice.
CHANGED_PARTS = {"claim": _("claim"), "explanation": _("explanation"), "notice": _("notice")}


def _field(name: str) -> str:
    if name in CHANGED_PARTS:
        return str(CHANGED_PARTS[name])
    try:
        field = Claim._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    return str(getattr(field, "verbose_name", None) or str(name).replace("_", " "))


def _value(name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name == "review_status":
        labels = dict(Claim.ReviewStatus.choices)
        return str(labels.get(value, value))
    if name == "verdict" and isinstance(value, str):  # stored by its English name
        verdict = Verdict.objects.filter(name=value).first()
        return str(verdict.label) if verdict else value
    if isinstance(value, list | tuple):
        return as_words(value)
    if isinstance(value, float):
        return figure(value)
    if isinstance(value, dict):
        return "; ".join(f"{_field(key)}: {_value(key, item)}" for key, item in value.items())
    return str(value)


def _word(value) -> str:
    if isinstance(value, float):
        return figure(value)
    if isinstance(value, int):
        return number_format(value)
    return str(value).replace("_", " ")
