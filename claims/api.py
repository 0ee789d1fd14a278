"""A JSON API over the review desk: read articles, claims and speakers, and move claims through the workflow.

The desk's step registry, forms and filters serve here too, so the roles, the two-person rule
and the version check hold alike: a stale version answers 409 Conflict, a bad filter 400.
"""

from __future__ import annotations

from collections.abc import Mapping

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from .matching.selectors import claim_fact_checks, published_match, with_fact_checks
from .models import Article, Claim, ClaimEvent, Evidence, Speaker, Verdict
from .review.filters import ORDERINGS, ClaimFilter
from .review.forms import ClaimNoteForm
from .review.permissions import can_review
from .review.selectors import assignable_users, claim_evidence, claim_history, claim_thread
from .review.services import StaleClaimError, claim_note_add
from .review.steps import STEPS


class IsReviewer(permissions.BasePermission):
    message = "Only reviewers and editors can use the review API."

    def has_permission(self, request, view):
        return can_review(request.user)


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    outlet = serializers.StringRelatedField()
    language = serializers.CharField()
    published_date = serializers.DateField()


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()
    verdict = serializers.SlugRelatedField(slug_field="name", read_only=True)  # the scale's name, in any language
    assignee = serializers.StringRelatedField()

    class Meta:
        model = ClaimEvent
        fields = [
            "version",
            "action",
            "actor",
            "from_status",
            "to_status",
            "verdict",
            "assignee",
            "changes",
            "note",
            "created_at",
        ]


class FactCheckMatchSerializer(serializers.Serializer):
    """A published fact-check found for a claim; `match` names it to the fact-check steps."""

    match = serializers.IntegerField(source="pk")
    publisher = serializers.CharField(source="fact_check.publisher")
    url = serializers.CharField(source="fact_check.url")
    claim_reviewed = serializers.CharField(source="fact_check.claim_reviewed")
    rating_label = serializers.CharField(source="fact_check.rating_label")
    rating_value = serializers.FloatField(source="fact_check.rating_value")
    best_rating = serializers.FloatField(source="fact_check.best_rating")
    worst_rating = serializers.FloatField(source="fact_check.worst_rating")
    review_date = serializers.DateField(source="fact_check.review_date")
    language = serializers.CharField(source="fact_check.language")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    confirmed = serializers.BooleanField(allow_null=True)


class ClaimSerializer(serializers.ModelSerializer):
    article = ArticleSerializer()
    speaker = serializers.StringRelatedField()
    verdict = serializers.SlugRelatedField(slug_field="name", read_only=True)  # the scale's name, in any language
    assignee = serializers.StringRelatedField()
    fact_checks = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "version",
            "content",
            "speaker",
            "speaker_text",
            "cue",
            "via",
            "kind",
            "claim_date",
            "checkworthiness",
            "review_status",
            "verdict",
            "rationale",
            "assignee",
            "published_at",
            "duplicate_of",
            "article",
            "fact_checks",
        ]

    def get_fact_checks(self, claim) -> list[dict]:
        """Published fact-checks that may cover the claim (none rejected), confirmed first then best score."""
        matches = getattr(claim, "live_fact_checks", None)
        if matches is None:
            matches = claim_fact_checks(claim)
        return FactCheckMatchSerializer(matches, many=True).data


class EvidenceSerializer(serializers.ModelSerializer):
    added_by = serializers.StringRelatedField()

    class Meta:
        model = Evidence
        fields = ["url", "title", "note", "added_by", "created_at"]


class ThreadEntrySerializer(serializers.Serializer):
    author = serializers.CharField(source="author.username", default=None)
    created_at = serializers.DateTimeField()
    text = serializers.CharField()
    step = serializers.CharField()


class ClaimDetailSerializer(ClaimSerializer):
    """The claim with its originals, evidence, notes and history, the steps open to the user and its match."""

    original_speaker = serializers.StringRelatedField()
    evidence = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    published_match = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "original_content",
            "original_speaker",
            "evidence",
            "notes",
            "history",
            "steps",
            "published_match",
        ]

    def get_evidence(self, claim):
        return EvidenceSerializer(claim_evidence(claim), many=True).data

    def get_notes(self, claim):
        """The claim's thread, oldest first: notes, and the notes of send-backs and reopenings (with `step`)."""
        return ThreadEntrySerializer(claim_thread(claim), many=True).data

    def get_history(self, claim):
        return EventSerializer(claim_history(claim), many=True).data

    def get_steps(self, claim) -> list[dict]:
        """Every step: whether this user may take it now, why not, and the inputs it takes."""
        user = self.context["request"].user
        listed = []
        for step in STEPS.values():
            refusal = step.refusal(claim, user)
            listed.append(
                {
                    "name": step.name,
                    "label": step.label,
                    "allowed": refusal is None,
                    "refusal": refusal,
                    "inputs": list(step.form.base_fields),
                }
            )
        return listed

    def get_published_match(self, claim) -> dict | None:
        """The matched claim whose published verdict `apply_match` would propose (its link's id is `match`)."""
        match = published_match(claim)
        if match is None:
            return None
        verdict = match.other.verdict.name if match.other.verdict_id else None
        return {"match": match.pk, "claim": match.other_id, "verdict": verdict, "score": match.score}


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["id", "name", "name_id", "rating_value"]


class NewestFirst(CursorPagination):
    ordering = "-id"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class ClaimPages(NewestFirst):
    """Newest first, or in the order `?ordering=` chose (one of ORDERINGS, `-` for descending), by cursor."""

    def get_ordering(self, request, queryset, view):
        chosen = request.query_params.get("ordering", "").strip()
        if chosen.lstrip("-") in ORDERINGS:  # the filter has refused anything else with a 400 already
            tie = "-id" if chosen.startswith("-") else "id"
            return (chosen,) if chosen.lstrip("-") == "id" else (chosen, tie)
        return super().get_ordering(request, queryset, view)


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    """Claims, newest first, each with the published fact-checks found for it (`fact_checks`); the detail
    adds the extracted originals, evidence, notes, history and open steps.

    Filters (the desk's): q (words of the claim, its speaker, article title or outlet), review_status,
    verdict (id or name), speaker (id or name, aliases too), outlet (id, domain or name), language,
    kind, assignee (me, none or a user id), band (high, medium, low), min_cw (check-worthiness),
    date_from / date_to (the claim's date, YYYY-MM-DD), ordering (id, checkworthiness, created_at,
    `-` first for descending). A value that names nothing is a 400 with the reason.
    """

    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = ClaimPages
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter

    def get_queryset(self):
        related = ["article__outlet", "speaker", "verdict", "assignee"]
        if self.action == "retrieve":
            related.append("original_speaker")
        claims = Claim.objects.select_related(*related).defer("article__text", "article__html", "article__authors")
        return with_fact_checks(claims)

    def get_serializer_class(self):
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSerializer


class ArticleListSerializer(serializers.ModelSerializer):
    outlet = serializers.StringRelatedField()

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "language", "published_date", "status", "created_at"]


class ArticleDetailSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "authors", "text"]


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles, newest first. Filters: outlet (id), language, status."""

    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = NewestFirst
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["outlet", "language", "status"]

    def get_queryset(self):
        articles = Article.objects.select_related("outlet")
        if self.action == "list":
            articles = articles.defer("text", "html")
        return articles

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleListSerializer


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "canonical_name", "aliases", "kind"]


class SpeakerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="canonical_name", lookup_expr="icontains", label="Name contains")

    class Meta:
        model = Speaker
        fields: list[str] = []


class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    """Speakers, newest first; ?q= finds a name."""

    queryset = Speaker.objects.all()
    serializer_class = SpeakerSerializer
    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = NewestFirst
    filter_backends = [DjangoFilterBackend]
    filterset_class = SpeakerFilter


class VerdictViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Verdict.objects.all()
    serializer_class = VerdictSerializer
    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = None


def _form_errors(form) -> dict[str, list[str]]:
    """A form's errors shaped as DRF shapes a serializer's: {"field": ["message", ...]}."""
    return {
        "non_field_errors" if name == NON_FIELD_ERRORS else name: [str(error) for error in errors]
        for name, errors in form.errors.items()
    }


class ClaimStepView(APIView):
    """POST {"version": N, ...} to move a claim one step; answers with the claim as it now is.

    The steps and their inputs are the desk's (claims.review.steps); a claim's detail lists
    which of them the user may take now, and why not.
    """

    permission_classes = [permissions.IsAuthenticated, IsReviewer]

    def post(self, request, pk: int, step: str):
        if step not in STEPS:
            raise exceptions.NotFound(f"No step {step!r}; the steps are {', '.join(STEPS)}.")
        step = STEPS[step]
        claim = get_object_or_404(Claim, pk=pk)
        if not isinstance(request.data, Mapping):
            raise exceptions.ValidationError({"non_field_errors": ["Send the step's inputs as an object."]})
        form = step.form(data=request.data)
        if not form.is_valid():
            return Response(_form_errors(form), status=status.HTTP_400_BAD_REQUEST)
        try:
            step.run(claim=claim, user=request.user, form=form)
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        except StaleClaimError as exc:
            current = Claim.objects.filter(pk=pk).values_list("version", flat=True).first()
            return Response({"detail": exc.messages[0], "version": current}, status=status.HTTP_409_CONFLICT)
        except ValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        related = ["article__outlet", "speaker", "verdict", "assignee", "original_speaker"]
        fresh = with_fact_checks(Claim.objects.select_related(*related)).get(pk=pk)
        return Response(ClaimDetailSerializer(fresh, context={"request": request}).data)


class AssignableUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    roles = serializers.SerializerMethodField()

    def get_roles(self, user) -> list[str]:
        return sorted(group.name for group in user.groups.all())


class AssignableUserView(APIView):
    """GET: who a claim can be assigned to (the Reviewers and Editors); the assign step takes an id or a username."""

    permission_classes = [permissions.IsAuthenticated, IsReviewer]

    def get(self, request):
        users = assignable_users().prefetch_related("groups")
        return Response(AssignableUserSerializer(users, many=True).data)


class ClaimNoteView(APIView):
    """POST {"text": "..."} to add a note to the claim's thread; answers with the thread."""

    permission_classes = [permissions.IsAuthenticated, IsReviewer]

    def post(self, request, pk: int):
        claim = get_object_or_404(Claim, pk=pk)
        if not isinstance(request.data, Mapping):
            raise exceptions.ValidationError({"non_field_errors": ["Send the note as an object."]})
        form = ClaimNoteForm(data=request.data)
        if not form.is_valid():
            return Response(_form_errors(form), status=status.HTTP_400_BAD_REQUEST)
        try:
            claim_note_add(claim=claim, user=request.user, text=form.cleaned_data["text"])
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        except ValidationError as exc:
            return Response({"text": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ThreadEntrySerializer(claim_thread(claim), many=True).data, status=status.HTTP_201_CREATED)


router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("articles", ArticleViewSet, basename="article")
router.register("speakers", SpeakerViewSet, basename="speaker")

urlpatterns = [
    path("assignable-users/", AssignableUserView.as_view(), name="assignable-users"),
    # Before the steps' pattern, which would take "notes" for a step's name.
    path("claims/<int:pk>/notes/", ClaimNoteView.as_view(), name="claim-notes"),
    path("claims/<int:pk>/<slug:step>/", ClaimStepView.as_view(), name="claim-step"),
    path("", include(router.urls)),
]
