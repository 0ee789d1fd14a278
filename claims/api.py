"""A JSON API over the review desk: read articles, claims and speakers, and move claims through the workflow.

The same services as the pages do the work, so the roles, the two-person rule and the
version check hold here too: a stale version answers 409 Conflict.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import include, path
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from .models import Article, Claim, ClaimEvent, Evidence, Speaker, Verdict
from .review import services
from .review.permissions import can_review
from .review.selectors import claim_evidence, claim_history


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
    verdict = serializers.StringRelatedField()
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


class ClaimSerializer(serializers.ModelSerializer):
    article = ArticleSerializer()
    speaker = serializers.StringRelatedField()
    verdict = serializers.StringRelatedField()
    assignee = serializers.StringRelatedField()

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
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    added_by = serializers.StringRelatedField()

    class Meta:
        model = Evidence
        fields = ["url", "title", "note", "added_by", "created_at"]


class ClaimDetailSerializer(ClaimSerializer):
    original_speaker = serializers.StringRelatedField()
    evidence = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "original_content", "original_speaker", "evidence", "history"]

    def get_evidence(self, claim):
        return EvidenceSerializer(claim_evidence(claim), many=True).data

    def get_history(self, claim):
        return EventSerializer(claim_history(claim), many=True).data


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["id", "name", "name_id", "rating_value"]


class NewestFirst(CursorPagination):
    ordering = "-id"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _int(params, name: str) -> int | None:
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise exceptions.ValidationError({name: "Give a number."}) from None


def _date(params, name: str):
    value = params.get(name)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise exceptions.ValidationError({name: "Give a date as YYYY-MM-DD."}) from None


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    """Claims, newest first; the detail adds the extracted originals, evidence and history.

    Filters: review_status, verdict (id or name), speaker (id), outlet (id), language,
    date_from / date_to (the claim's date, YYYY-MM-DD), assignee=me.
    """

    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = NewestFirst

    def get_queryset(self):
        claims = Claim.objects.select_related("article__outlet", "speaker", "verdict", "assignee").defer(
            "article__text", "article__html", "article__authors"
        )
        params = self.request.query_params
        if params.get("review_status"):
            claims = claims.filter(review_status=params["review_status"])
        verdict = params.get("verdict")
        if verdict:
            claims = claims.filter(**{"verdict_id" if verdict.isdigit() else "verdict__name": verdict})
        for name, lookup in (("speaker", "speaker_id"), ("outlet", "article__outlet_id")):
            value = _int(params, name)
            if value is not None:
                claims = claims.filter(**{lookup: value})
        if params.get("language"):
            claims = claims.filter(article__language=params["language"])
        if _date(params, "date_from"):
            claims = claims.filter(claim_date__gte=_date(params, "date_from"))
        if _date(params, "date_to"):
            claims = claims.filter(claim_date__lte=_date(params, "date_to"))
        if params.get("assignee") == "me":
            claims = claims.filter(assignee=self.request.user)
        return claims

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

    def get_queryset(self):
        articles = Article.objects.select_related("outlet")
        if self.action == "list":
            articles = articles.defer("text", "html")
        params = self.request.query_params
        outlet = _int(params, "outlet")
        if outlet is not None:
            articles = articles.filter(outlet_id=outlet)
        if params.get("language"):
            articles = articles.filter(language=params["language"])
        if params.get("status"):
            articles = articles.filter(status=params["status"])
        return articles

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleListSerializer


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "canonical_name", "aliases", "kind"]


class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    """Speakers, newest first; ?q= finds a name."""

    serializer_class = SpeakerSerializer
    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = NewestFirst

    def get_queryset(self):
        speakers = Speaker.objects.all()
        if self.request.query_params.get("q"):
            speakers = speakers.filter(canonical_name__icontains=self.request.query_params["q"])
        return speakers


class VerdictViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Verdict.objects.all()
    serializer_class = VerdictSerializer
    permission_classes = [permissions.IsAuthenticated, IsReviewer]
    pagination_class = None


class VersionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class NoteInput(VersionInput):
    note = serializers.CharField(allow_blank=True, default="")


class ProposeInput(VersionInput):
    verdict = serializers.PrimaryKeyRelatedField(queryset=Verdict.objects.all())
    rationale = serializers.CharField(allow_blank=True)


class DismissInput(NoteInput):
    status = serializers.ChoiceField(choices=[Claim.ReviewStatus.NOT_A_CLAIM, Claim.ReviewStatus.DUPLICATE])
    duplicate_of = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all(), required=False, allow_null=True)


class EditInput(VersionInput):
    content = serializers.CharField()
    speaker = serializers.PrimaryKeyRelatedField(queryset=Speaker.objects.all(), allow_null=True)


class EvidenceInput(VersionInput):
    url = serializers.URLField(max_length=2000)
    title = serializers.CharField(max_length=500, allow_blank=True, default="")
    note = serializers.CharField(allow_blank=True, default="")


class AssignInput(NoteInput):
    assignee = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all(), allow_null=True)


STEPS = {
    "take": (VersionInput, services.claim_take),
    "release": (VersionInput, services.claim_release),
    "assign": (AssignInput, services.claim_assign),
    "edit": (EditInput, services.claim_edit),
    "evidence": (EvidenceInput, services.evidence_add),
    "propose": (ProposeInput, services.claim_propose_verdict),
    "publish": (VersionInput, services.claim_publish),
    "send_back": (NoteInput, services.claim_send_back),
    "reopen": (NoteInput, services.claim_reopen),
    "dismiss": (DismissInput, services.claim_dismiss),
}


class ClaimStepView(APIView):
    """POST {"version": N, ...} to move a claim one step; answers with the claim as it now is."""

    permission_classes = [permissions.IsAuthenticated, IsReviewer]

    def post(self, request, pk: int, step: str):
        if step not in STEPS:
            raise exceptions.NotFound(f"No step {step!r}; the steps are {', '.join(STEPS)}.")
        input_class, service = STEPS[step]
        claim = get_object_or_404(Claim, pk=pk)
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        arguments = dict(data.validated_data)
        version = arguments.pop("version")
        try:
            service(claim=claim, user=request.user, expected_version=version, **arguments)
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        except services.StaleClaimError as exc:
            current = Claim.objects.filter(pk=pk).values_list("version", flat=True).first()
            return Response({"detail": exc.messages[0], "version": current}, status=status.HTTP_409_CONFLICT)
        except ValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        related = ["article__outlet", "speaker", "verdict", "assignee", "original_speaker"]
        fresh = Claim.objects.select_related(*related).get(pk=pk)
        return Response(ClaimDetailSerializer(fresh).data)


router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("articles", ArticleViewSet, basename="article")
router.register("speakers", SpeakerViewSet, basename="speaker")

urlpatterns = [
    path("claims/<int:pk>/<slug:step>/", ClaimStepView.as_view(), name="claim-step"),
    path("", include(router.urls)),
]
