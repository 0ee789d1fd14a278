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
from django.views.decorators.http import require_POST

from ..claim_matching import claim_family
from ..models import Claim
from ..services import speaker_resolve
from . import services
from .dashboard import dashboard_figures
from .forms import (
    DismissForm,
    EditForm,
    EvidenceForm,
    MatchForm,
    NoteForm,
    ProposeForm,
    QueueFilterForm,
    VersionForm,
)
from .pagination import page_by_keys
from .permissions import can_publish, can_review, require_review
from .selectors import (
    QUEUES,
    claim_evidence,
    claim_for_review,
    claim_history,
    claim_in_context,
    claims_by_same_speaker,
    flag_warnings,
    published_match,
    queue_neighbours,
    review_queue,
    similar_claims,
)

PAGE_SIZE = 50


def _edit_arguments(data: dict) -> dict:
    name = data["speaker_name"].strip()
    return {"content": data["content"], "speaker": speaker_resolve(name=name) if name else None}


def _fields(*names):
    return lambda data: {name: data[name] for name in names}


# action -> (form, service, what the service takes from the form besides claim, user and version)
ACTIONS = {
    "take": (VersionForm, services.claim_take, _fields()),
    "release": (VersionForm, services.claim_release, _fields()),
    "edit": (EditForm, services.claim_edit, _edit_arguments),
    "evidence": (EvidenceForm, services.evidence_add, _fields("url", "title", "note")),
    "propose": (ProposeForm, services.claim_propose_verdict, _fields("verdict", "rationale")),
    "publish": (VersionForm, services.claim_publish, _fields()),
    "send_back": (NoteForm, services.claim_send_back, _fields("note")),
    "reopen": (NoteForm, services.claim_reopen, _fields("note")),
    "dismiss": (DismissForm, services.claim_dismiss, _fields("status", "duplicate_of", "note")),
    "apply_match": (MatchForm, services.claim_apply_matched_verdict, lambda data: {"match_id": data["match"]}),
    "reject_match": (MatchForm, services.claim_reject_match, lambda data: {"match_id": data["match"]}),
}


@login_required
def queue(request):
    require_review(request.user)
    form = QueueFilterForm(request.GET, queues=QUEUES)
    name = form.cleaned_data.get("queue") if form.is_valid() else None
    name = name or "open"
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    # No COUNT(*) over a million claims: fetch one row more than a page to know if another follows.
    claims = review_queue(user=request.user, queue=name, **form.filters())
    rows = page_by_keys(claims, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1)
    return TemplateResponse(
        request,
        "claims/review/queue.html",
        {
            "filters": form,
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
    version = {"version": claim.version}
    matched = published_match(claim)
    return TemplateResponse(
        request,
        "claims/review/claim.html",
        {
            "claim": claim,
            "context": claim_in_context(claim),
            "warnings": flag_warnings(claim),
            "history": claim_history(claim),
            "evidence": claim_evidence(claim),
            "same_speaker": claims_by_same_speaker(claim),
            "similar": similar_claims(claim),
            "family": claim_family(claim),
            "matched": matched,
            "match_form": MatchForm(initial={**version, "match": matched.pk}) if matched else None,
            "allowed": _allowed_actions(claim, user),
            "queue": queue_name if queue_name in QUEUES else "open",
            "previous": previous,
            "following": following,
            "propose_form": ProposeForm(initial={**version, "verdict": claim.verdict_id, "rationale": claim.rationale}),
            "edit_form": EditForm(
                initial={**version, "content": claim.content, "speaker_name": claim.speaker or claim.speaker_text}
            ),
            "evidence_form": EvidenceForm(initial=version),
            "note_form": NoteForm(initial=version),
            "dismiss_form": DismissForm(initial=version),
        },
    )


def _allowed_actions(claim: Claim, user) -> set[str]:
    """Which forms to show; the services decide again when one is sent."""
    status, Status = claim.review_status, Claim.ReviewStatus
    mine = claim.assignee_id == user.pk
    editor = can_publish(user)
    allowed = set()
    open_ = status in (Status.NEW, Status.REOPENED, Status.IN_REVIEW)
    if can_review(user) and open_ and claim.assignee_id is None:
        allowed.add("take")
    if status == Status.IN_REVIEW and mine:
        allowed.add("propose")
    if status in services.EDITABLE and (mine or editor):
        allowed.update(("edit", "evidence"))
    if status == Status.IN_REVIEW and (mine or editor):
        allowed.add("release")
    if open_ and (claim.assignee_id is None or mine or editor):
        allowed.add("dismiss")
    if editor and status == Status.VERDICT_PROPOSED:
        allowed.add("send_back")
        if claim.proposed_by_id != user.pk:
            allowed.add("publish")
    if editor and status == Status.PUBLISHED:
        allowed.add("reopen")
    return allowed


@require_POST
@login_required
def claim_act(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404("No such action.")
    form_class, service, arguments = ACTIONS[action]
    claim = Claim.objects.filter(pk=pk).first()
    if claim is None:
        raise Http404("No such claim.")
    form = form_class(request.POST)
    page = reverse("review:claim", args=[pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(page)
    require_review(request.user)  # before anything is written, e.g. a new speaker's name
    try:
        data = form.cleaned_data
        service(claim=claim, user=request.user, expected_version=data["version"], **arguments(data))
    except ValidationError as exc:  # a PermissionDenied goes up: Django answers 403
        for message in exc.messages:
            messages.error(request, message)
    else:
        claim.refresh_from_db(fields=["review_status", "version"])
        messages.success(request, f"Done: {claim.get_review_status_display().lower()} (version {claim.version}).")
    return redirect(page)


@login_required
def dashboard(request):
    require_review(request.user)
    figures = cache.get_or_set("review:dashboard", dashboard_figures, settings.FACTCHECK_DASHBOARD_CACHE_SECONDS)
    return TemplateResponse(request, "claims/review/dashboard.html", figures)
