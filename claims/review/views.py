"""The review desk: a queue of claims, a page per claim, a dashboard. Views parse forms and call services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from ..matching.selectors import claim_family, published_match, similar_claims
from ..models import Claim
from .dashboard import dashboard_figures
from .filters import ClaimFilter
from .forms import ClaimNoteForm
from .pagination import page_by_keys
from .permissions import require_review
from .selectors import (
    QUEUES,
    claim_evidence,
    claim_for_review,
    claim_history,
    claim_in_context,
    claim_thread,
    claims_by_same_speaker,
    flag_warnings,
    queue_neighbours,
    review_queue,
)
from .services import claim_note_add
from .steps import STEPS, steps_open_to

PAGE_SIZE = 50
# The queue's filters offered as menus; the API and the query string take them all.
QUEUE_SELECTS = ("review_status", "language", "outlet", "kind", "band", "min_cw", "verdict")


@login_required
def queue(request):
    require_review(request.user)
    name = request.GET.get("queue") or "open"
    name = name if name in QUEUES else "open"
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    filters = ClaimFilter(request.GET, user=request.user)
    # No COUNT(*) over a million claims: fetch one row more than a page to know if another follows.
    claims = review_queue(user=request.user, queue=name, filters=filters)
    rows = page_by_keys(claims, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1)
    return TemplateResponse(
        request,
        "claims/review/queue.html",
        {
            "filters": filters,
            "selects": filters.selects(QUEUE_SELECTS),
            "queues": [(value, label, value == name) for value, label in QUEUES.items()],
            "queue": name,
            "queue_label": QUEUES[name],
            "claims": rows[:PAGE_SIZE],
            "page": page,
            "has_next": len(rows) > PAGE_SIZE,
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def claim_page(request, pk: int):
    require_review(request.user)
    try:
        claim = claim_for_review(pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    user = request.user
    queue_name = request.GET.get("queue", "open")
    previous, following = queue_neighbours(claim, user=user, queue=queue_name)
    matched = published_match(claim)
    actions, match_actions, assign = [], [], None
    for step in steps_open_to(claim, user):
        initial = step.form.initial_for(claim)
        if step.name == "assign":  # shown in the page's assignment section
            assign = (step, step.form(initial=initial, auto_id=f"{step.name}-%s"))
        elif step.on_match:
            if matched is None:
                continue
            match_actions.append((step, step.form(initial={**initial, "match": matched.pk}, auto_id=False)))
        else:
            actions.append((step, step.form(initial=initial, auto_id=f"{step.name}-%s")))
    return TemplateResponse(
        request,
        "claims/review/claim.html",
        {
            "claim": claim,
            "context": claim_in_context(claim),
            "warnings": flag_warnings(claim),
            "history": claim_history(claim),
            "thread": claim_thread(claim),
            "note_form": ClaimNoteForm(auto_id="note-%s"),
            "assign": assign,
            "evidence": claim_evidence(claim),
            "same_speaker": claims_by_same_speaker(claim),
            "similar": similar_claims(claim),
            "family": claim_family(claim),
            "matched": matched,
            "actions": actions,
            "match_actions": match_actions,
            "queue": queue_name if queue_name in QUEUES else "open",
            "previous": previous,
            "following": following,
        },
    )


@require_POST
@login_required
def claim_act(request, pk: int, action: str):
    step = STEPS.get(action)
    if step is None:
        raise Http404("No such action.")
    require_review(request.user)
    claim = Claim.objects.filter(pk=pk).first()
    if claim is None:
        raise Http404("No such claim.")
    form = step.form(request.POST)
    page = reverse("review:claim", args=[pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(page)
    try:
        step.run(claim=claim, user=request.user, form=form)
    except ValidationError as exc:  # a PermissionDenied goes up: Django answers 403
        for message in exc.messages:
            messages.error(request, message)
    else:
        claim.refresh_from_db(fields=["review_status", "version"])
        messages.success(request, f"Done: {claim.get_review_status_display().lower()} (version {claim.version}).")
    return redirect(page)


@require_POST
@login_required
def claim_note(request, pk: int):
    """Add a note to the claim's thread."""
    require_review(request.user)
    claim = Claim.objects.filter(pk=pk).first()
    if claim is None:
        raise Http404("No such claim.")
    form = ClaimNoteForm(request.POST)
    page = reverse("review:claim", args=[pk]) + "#notes"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(page)
    try:
        claim_note_add(claim=claim, user=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, gettext("Note added."))
    return redirect(page)


@login_required
def dashboard(request):
    require_review(request.user)
    figures = cache.get_or_set("review:dashboard", dashboard_figures, settings.FACTCHECK_DASHBOARD_CACHE_SECONDS)
    return TemplateResponse(request, "claims/review/dashboard.html", figures)
