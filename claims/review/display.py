"""How a reviewer sees a claim's numbers and records: one definition of the check-worthiness levels,
and stored lists, changes, match reasons and published fact-checks' ratings as readable text.

Scores are calibrated, so 0.5 is the line between check-worthy and not. The desk, the admin, the
filters and the API read the levels from here, never from their own copies.
"""

import re

from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import floatformat
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info
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


def language_name(code: str) -> str:
    """A language code as the language's name in the page's language ("Inggris" for en in Indonesian)."""
    if not code:
        return "—"
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def fact_check_rating(fact_check) -> str:
    """A published fact-check's rating in its own words ("Hoaks"), else its value on its scale; "" if none."""
    if fact_check.rating_label.strip():
        return fact_check.rating_label.strip()
    if fact_check.rating_value is None:
        return ""
    value = _plain_number(fact_check.rating_value)
    if fact_check.best_rating is not None:
        return str(_("%(value)s of %(best)s") % {"value": value, "best": _plain_number(fact_check.best_rating)})
    return value


def _plain_number(value: float) -> str:
    return number_format(int(value) if float(value).is_integer() else value)


# The matcher's reasons (claims.matching.text), each as a pattern and how the desk says it.
_REASONS = (
    (
        re.compile(r"meaning (?P<cosine>[\d.]+) \((?P<lang_a>[\w-]+) / (?P<lang_b>[\w-]+)\)"),
        _("similar meaning (%(cosine)s), across languages: %(lang_a)s / %(lang_b)s"),
    ),
    (re.compile(r"meaning (?P<cosine>[\d.]+)"), _("similar meaning (%(cosine)s)")),
    (re.compile(r"same words after normalisation"), _("the same words")),
    (
        re.compile(r"tokens (?P<dice>[\d.]+) \(containment (?P<containment>[\d.]+)\), trigrams (?P<tri>[\d.]+)"),
        _("shared words %(dice)s (contained %(containment)s), shared letters %(tri)s"),
    ),
    (re.compile(r"same speaker \+[\d.]+"), _("the same speaker")),
    (re.compile(r"numbers agree: (?P<numbers>.+)"), _("the same numbers: %(numbers)s")),
    (
        re.compile(r"numbers differ: (?P<ours>.+) vs (?P<theirs>.+)"),
        _("different numbers: %(ours)s against %(theirs)s"),
    ),
    (re.compile(r"numbers only on one side: (?P<numbers>.+)"), _("numbers on one side only: %(numbers)s")),
    (re.compile(r"negated on one side only: (?P<words>.+)"), _("negated on one side only: %(words)s")),
    (re.compile(r"a negation on one side only"), _("a negation on one side only")),
    (
        re.compile(r"no name in common: (?P<ours>.+) vs (?P<theirs>.+)"),
        _("no name in common: %(ours)s against %(theirs)s"),
    ),
    (re.compile(r"names differ: (?P<ours>.+) vs (?P<theirs>.+)"), _("names differ: %(ours)s against %(theirs)s")),
)


_FIGURES = frozenset({"cosine", "dice", "containment", "tri"})


def reason_text(reason) -> str:
    """One of a match's stored reasons in the page's language; a reason not known here as it was stored."""
    text = str(reason)
    for pattern, said in _REASONS:
        found = pattern.fullmatch(text)
        if found:
            parts = {name: _reason_part(name, value) for name, value in found.groupdict().items()}
            return str(said) % parts
    return _word(text)


def _reason_part(name: str, value: str) -> str:
    if name.startswith("lang_"):
        return language_name(value)
    if name in _FIGURES:
        try:
            return figure(float(value))
        except ValueError:
            return value
    return value


def reasons_display(reasons):
    """A match's stored reasons as a readable list (<ul class="reasons">); "—" if none."""
    if not reasons:
        return "—"
    return format_html(
        '<ul class="reasons">{}</ul>', format_html_join("", "<li>{}</li>", ((reason_text(r),) for r in reasons))
    )
