"""Check-worthiness shown as a level: one definition for the desk, the admin and the filters."""

import pytest
from django.template import Context, Template

from claims.review.display import checkworthiness_badge, checkworthiness_level


@pytest.mark.parametrize(
    ("score", "key"),
    [(0.0, "low"), (0.49999, "low"), (0.5, "medium"), (0.69, "medium"), (0.7, "high"), (1.0, "high")],
)
def test_levels_follow_the_calibrated_line(score, key):
    assert checkworthiness_level(score)[0] == key


def test_an_unscored_claim_has_no_level():
    assert checkworthiness_level(None) is None
    assert checkworthiness_badge(None) == "—"


def test_the_badge_shows_the_level_and_keeps_the_figure_in_its_title():
    html = checkworthiness_badge(0.17625829276831464)
    assert html == '<span class="cw cw-low" title="0.18">Low</span>'
    assert "0.176" not in html


def test_the_template_filter_renders_the_same_badge():
    out = Template("{% load factcheck %}{{ score|checkworthiness }}").render(Context({"score": 0.82}))
    assert out == '<span class="cw cw-high" title="0.82">High</span>'


def test_figures_are_rounded_and_localised():
    from django.utils import translation

    from claims.review.display import figure

    with translation.override("en"):
        assert figure(0.876543219) == "0.88"
    with translation.override("id"):
        assert figure(0.876543219) == "0,88"
    assert figure(None) == "—"


def test_stored_lists_read_as_words():
    from claims.review.display import as_words

    assert as_words(["missing_entity", "quoted twice"]) == "missing entity, quoted twice"
    assert as_words([12, 40]) == "12, 40"
    assert as_words([]) == as_words(None) == "—"


@pytest.mark.django_db  # a verdict is stored by its English name and shown by the page's label
def test_changes_read_as_field_before_after_lines():
    from claims.review.display import changes_display

    html = changes_display(
        {
            "review_status": ["published", "reopened"],
            "verdict": [None, "False"],
            "score": [0.123456789, 0.5],
            "notice": "Update: <b>why</b>",
        }
    )
    assert html == (
        '<ul class="changes"><li>review status: Published → Reopened</li><li>verdict: — → False</li>'
        "<li>score: 0.12 → 0.50</li><li>notice: — → Update: &lt;b&gt;why&lt;/b&gt;</li></ul>"
    )
    assert changes_display({}) == "—"
