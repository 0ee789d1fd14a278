"""The review desk: a queue of claims, a page per claim, a dashboard. Views parse forms and call services."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from ..matching.selectors import (
    claim_fact_checks,
    claim_family,
    published_match,
    similar_claims,
    with_fact_check_flag,
)
from ..models import Claim, FactCheckMatch
from .dashboard import dashboard_cached
from .display import fact_check_rating
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
    claim_notices,
    claim_thread,
    claims_by_same_speaker,
    flag_warnings,
    queue_neighbours,
    review_queue,
)
from .services import StaleClaimError, claim_note_add
from .steps import STEPS, steps_open_to, steps_unavailable_to

PAGE_SIZE = 50


def _login_back_to_claim(view):
    """login_required for a claim's forms: a POST whose login ran out sends the reviewer to log in and
    back to the claim page (the form's own URL takes only POSTs). What they typed waits in the page's
    draft (claims/static/claims/drafts.js)."""

    @functools.wraps(view)
    def wrapped(request, pk: int, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("review:claim", args=[pk]) + f"?{_queue_query(request)}")
        return view(request, pk, *args, **kwargs)

    return wrapped


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
    claims = with_fact_check_flag(review_queue(user=request.user, queue=name, filters=filters))
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
            "claim_query": _queue_query(request),
        },
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _queue_query(request) -> str:
    """The queue the reviewer is in, its name and filters: carried from the queue to a claim, from claim to claim."""
    query = request.GET.copy()
    query.pop("page", None)
    name = query.get("queue")
    query["queue"] = name if name in QUEUES else "open"
    return query.urlencode()


@login_required
def claim_page(request, pk: int):
    require_review(request.user)
    try:
        claim = claim_for_review(pk)
    except Claim.DoesNotExist:
        raise Http404(gettext("No such claim.")) from None
    return _claim_response(request, claim)


def _claim_response(request, claim: Claim, *, bound=None, conflict=None, note_form=None, status: int = 200):
    """The claim page; `bound` is (step, form) to show as submitted, `conflict` what a stale form ran into,
    `note_form` a refused note as typed."""
    user = request.user
    queue_name = request.GET.get("queue", "open")
    filters = ClaimFilter(request.GET, user=user)
    previous, following = queue_neighbours(claim, user=user, queue=queue_name, filters=filters)
    matched = published_match(claim)
    evidence = list(claim_evidence(claim))
    actions, match_actions, fact_check_steps, assign = [], [], [], None
    for step in steps_open_to(claim, user):
        initial = step.form.initial_for(claim)
        if step.name == "assign":  # shown in the page's assignment section
            assign = (step, step.form(initial=initial, auto_id=f"{step.name}-%s"))
        elif step.on_fact_check:  # shown on each fact-check found for the claim
            fact_check_steps.append(step)
        elif step.on_match:
            if matched is None:
                continue
            match_actions.append((step, step.form(initial={**initial, "match": matched.pk}, auto_id=False)))
        elif bound is not None and bound[0] is step:
            actions.append((step, bound[1].fit_to(claim)))
        else:
            actions.append((step, step.form(initial=initial, auto_id=f"{step.name}-%s").fit_to(claim)))
    return TemplateResponse(
        request,
        "claims/review/claim.html",
        {
            "claim": claim,
            "context": claim_in_context(claim),
            "warnings": flag_warnings(claim),
            "history": claim_history(claim),
            "thread": claim_thread(claim),
            "note_form": note_form or ClaimNoteForm(auto_id="note-%s"),
            "assign": assign,
            "evidence": evidence,
            "fact_checks": _fact_check_rows(claim, user, fact_check_steps, {item.url for item in evidence}),
            "notices": list(claim_notices(claim)) if claim.public_verdict_id else [],
            "same_speaker": claims_by_same_speaker(claim),
            "similar": similar_claims(claim),
            "family": claim_family(claim),
            "matched": matched,
            "actions": actions,
            "match_actions": match_actions,
            "unavailable": [(step, why) for step, why in steps_unavailable_to(claim, user) if not step.on_fact_check],
            "conflict": conflict,
            "unsaved": _unsaved(bound, [step for step, _ in actions]),
            "queue": queue_name if queue_name in QUEUES else "open",
            "queue_query": _queue_query(request),
            "previous": previous,
            "following": following,
        },
        status=status,
    )


@dataclass(frozen=True)
class FactCheckRow:
    """A published fact-check found for the claim, as its banner shows it, with the steps open on it."""

    match: FactCheckMatch
    link: str  # the fact-check's address, if it is a web address (an import's data is not trusted)
    rating: str
    other_language: bool  # the fact-check is not in the claim's language
    actions: list  # (step, form)
    in_evidence: bool
    refusal: str | None  # why "Add as evidence" is closed to this user on a confirmed fact-check


def _fact_check_rows(claim: Claim, user, steps, evidence_urls: set[str]) -> list[FactCheckRow]:
    """The claim's live fact-check matches, confirmed first then best score, each with the decisions open on it:
    confirming (until confirmed), rejecting, and adding a confirmed one to the evidence (once)."""
    rows = []
    open_ = {step.name: step for step in steps}
    language = (claim.article.language or "").lower()
    for match in claim_fact_checks(claim):
        fact_check = match.fact_check
        in_evidence = fact_check.url in evidence_urls
        if not match.confirmed:
            wanted = ("confirm_fact_check", "reject_fact_check")
        else:  # confirmed: added to the evidence once, and still open to a second thought
            wanted = ("reject_fact_check",) if in_evidence else ("fact_check_evidence", "reject_fact_check")
        initial = {"version": claim.version, "fact_check_match": match.pk}
        actions = [(open_[name], open_[name].form(initial=initial, auto_id=False)) for name in wanted if name in open_]
        refusal = None
        if match.confirmed and not in_evidence and "fact_check_evidence" not in open_:
            refusal = STEPS["fact_check_evidence"].refusal(claim, user)
        fact_check_language = fact_check.language.split("-")[0].lower()
        rows.append(
            FactCheckRow(
                match=match,
                link=fact_check.url if fact_check.url.lower().startswith(("https://", "http://")) else "",
                rating=fact_check_rating(fact_check),
                other_language=bool(fact_check_language) and fact_check_language != language,
                actions=actions,
                in_evidence=in_evidence,
                refusal=refusal,
            )
        )
    return rows


@require_POST
@_login_back_to_claim
def claim_act(request, pk: int, action: str):
    step = STEPS.get(action)
    if step is None:
        raise Http404(gettext("No such action."))
    require_review(request.user)
    claim = Claim.objects.filter(pk=pk).first()
    if claim is None:
        raise Http404(gettext("No such claim."))
    form = step.form(request.POST, auto_id=f"{step.name}-%s")
    page = reverse("review:claim", args=[pk]) + f"?{_queue_query(request)}"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        # The page again with the form as submitted: nothing typed is lost to a missing choice.
        return _claim_response(request, claim_for_review(pk), bound=(step, form), status=400)
    try:
        step.run(claim=claim, user=request.user, form=form)
    except StaleClaimError as exc:
        return _stale(request, claim, step, form, exc)
    except PermissionDenied as exc:  # the step's refusal, said on the page rather than as a bare 403
        messages.error(request, str(exc) or gettext("You may not take this step."))
        # The page again with the form as submitted: what the reviewer typed is not lost to a refusal.
        return _claim_response(request, claim_for_review(pk), bound=(step, form), status=403)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _claim_response(request, claim_for_review(pk), bound=(step, form), status=400)
    claim.refresh_from_db(fields=["review_status", "version"])
    messages.success(
        request,
        gettext("Done: %(status)s (version %(version)d).")
        % {"status": claim.get_review_status_display().lower(), "version": claim.version},
        extra_tags=f"saved saved-{step.name}",  # tells claims/drafts.js the form's text was stored
    )
    return redirect(page)


def _unsaved(bound, shown) -> list[tuple[str, str]]:
    """What the reviewer typed into a form the page no longer offers (the step was refused: someone
    else took the claim meanwhile): its texts, shown read-only to copy, so none is lost."""
    if bound is None or bound[0] in shown:
        return []
    step, form = bound
    texts = []
    for name, field in form.fields.items():
        value = form.data.get(name, "")
        if isinstance(field.widget, (forms.Textarea, forms.TextInput, forms.URLInput)) and value.strip():
            texts.append((str(field.label or name.replace("_", " ").capitalize()), value))
    return texts


def _stale(request, claim: Claim, step, form, exc: StaleClaimError):
    """A stale form: the claim page again with the form as submitted, now on the claim's current version
    (to resubmit on it), what changed since the user loaded it, and the newer values beside theirs."""
    claim = claim_for_review(claim.pk)
    seen = form.cleaned_data["version"]
    data = form.data.copy()
    data["version"] = str(claim.version)
    resubmit = step.form(data, auto_id=f"{step.name}-%s")
    theirs = step.form.initial_for(claim)
    rows = []
    for name in step.form.conflict_fields:
        field = form.fields.get(name)
        if field is None or name not in form.data:
            continue
        label = str(field.label or name.replace("_", " ").capitalize())
        rows.append((label, _shown(field, theirs.get(name)), _shown(field, form.cleaned_data.get(name))))
    messages.error(request, exc.messages[0])
    conflict = {
        "seen": seen,
        "step": step,
        "rows": rows,
        "since": [event for event in claim_history(claim) if event.version > seen],
        "refusal": step.refusal(claim, request.user),
    }
    return _claim_response(request, claim, bound=(step, resubmit), conflict=conflict, status=409)


def _shown(field, value) -> str:
    """A form value as the page shows it: a chosen object by its name."""
    if value in (None, ""):
        return "—"
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, models.Model):
        chosen = field.queryset.filter(pk=value).first()
        return str(chosen) if chosen else "—"
    return str(value)


@require_POST
@_login_back_to_claim
def claim_note(request, pk: int):
    """Add a note to the claim's thread."""
    require_review(request.user)
    claim = Claim.objects.filter(pk=pk).first()
    if claim is None:
        raise Http404(gettext("No such claim."))
    form = ClaimNoteForm(request.POST, auto_id="note-%s")
    if form.is_valid():
        try:
            claim_note_add(claim=claim, user=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            messages.success(request, gettext("Note added."), extra_tags="saved saved-note")
            return redirect(reverse("review:claim", args=[pk]) + f"?{_queue_query(request)}#notes")
    # The page again with the note as typed: a refused note is not lost.
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _claim_response(request, claim_for_review(pk), note_form=form, status=400)


@login_required
def dashboard(request):
    require_review(request.user)
    return TemplateResponse(request, "claims/review/dashboard.html", dashboard_cached())
