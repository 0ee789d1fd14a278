"""Outlets publish articles; articles hold attributed claims; speakers make them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(
        _("domain"), max_length=253, unique=True, help_text=_("Host name without www., e.g. tribunnews.com")
    )

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Extracted articles whose latest claims are not matched yet. The transaction that stores an
# article's claims sets finished_at; matching copies it to matched_extraction_at in the transaction
# that writes the links. So a lost task, a dead worker or an outage leaves the article pending.
MATCH_PENDING = models.Q(status="done") & (
    models.Q(matched_extraction_at__isnull=True) | ~models.Q(matched_extraction_at=models.F("finished_at"))
)


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class MatchStatus(models.TextChoices):
        NOT_EXTRACTED = "", _("Not extracted")
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    url = models.URLField(_("url"), max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    authors = models.JSONField(default=list, blank=True)
    published_date = models.DateField(_("published date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    html = models.TextField(blank=True, help_text=_("The page as fetched, if the article came as HTML."))
    text = models.TextField(_("text"), help_text=_("The article body; claim offsets point into it."))
    content_hash = models.CharField(max_length=64, unique=True, editable=False)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("error"), blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    matched_extraction_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The finished_at of the extraction whose claims were matched to repeats.")
    )
    match_error = models.TextField(blank=True)
    match_requeued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~models.Q(url=""), name="article_url_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "started_at"], name="article_status_idx"),
            models.Index(fields=["published_date"], name="article_published_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
            models.Index(fields=["-created_at"], name="article_created_idx"),
            models.Index(fields=["finished_at"], condition=MATCH_PENDING, name="article_match_pending_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    @property
    def match_status(self) -> str:
        """Whether the claims of the latest extraction were linked to their repeats (a MatchStatus)."""
        if self.status != self.Status.DONE:
            return self.MatchStatus.NOT_EXTRACTED
        if self.matched_extraction_at is None or self.matched_extraction_at != self.finished_at:
            return self.MatchStatus.PENDING
        return self.MatchStatus.FAILED if self.match_error else self.MatchStatus.DONE


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    canonical_name = models.CharField(_("canonical name"), max_length=300)
    aliases = models.JSONField(default=list, blank=True, help_text=_("Other names and titled forms seen in articles."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["canonical_name"]
        constraints = [
            models.UniqueConstraint(Lower("canonical_name"), name="speaker_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.canonical_name


class Verdict(models.Model):
    """One step of the rating scale published in ClaimReview."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_id = models.CharField(_("Indonesian label"), max_length=100, blank=True)
    rating_value = models.PositiveSmallIntegerField(
        _("rating value"),
        null=True,
        blank=True,
        help_text=_("1 is the worst rating; empty for a rating off the scale, such as Unverifiable."),
    )

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = [models.F("rating_value").desc(nulls_last=True)]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The verdict's name in the active language: its Indonesian label on an Indonesian page."""
        return self.label_in(get_language())

    def label_in(self, language: str | None) -> str:
        """The verdict's name in `language` ("id", "en"; English when it has no label in that language)."""
        if language and language.split("-")[0] == "id" and self.name_id:
            return self.name_id
        return self.name


class Claim(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct quote")
        INDIRECT = "indirect", _("Reported speech")
        ASSERTION = "assertion", _("Outlet's own assertion")

    class ReviewStatus(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        VERDICT_PROPOSED = "verdict_proposed", _("Verdict proposed")
        PUBLISHED = "published", _("Published")
        NOT_A_CLAIM = "not_a_claim", _("Not a claim")
        DUPLICATE = "duplicate", _("Duplicate")
        REOPENED = "reopened", _("Reopened")
        RETRACTED = "retracted", _("Retracted")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="claims")
    content = models.TextField(_("content"))
    start = models.PositiveIntegerField(help_text=_("Offset of the content in the article text."))
    end = models.PositiveIntegerField(help_text=_("End offset (exclusive)."))
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    speaker_text = models.CharField(
        _("speaker text"), max_length=300, blank=True, help_text=_("The speaker as the article names them.")
    )
    cue = models.CharField(_("cue"), max_length=100, blank=True)
    via = models.CharField(_("via"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INDIRECT)
    claim_date = models.DateField(_("claim date"), null=True, blank=True)
    checkworthiness = models.FloatField(_("checkworthiness"), default=0.0)
    flags = models.JSONField(default=list, blank=True)
    gaps = models.JSONField(
        default=list, blank=True, help_text=_("Offsets in the article text where a dropped name seems to have stood.")
    )
    extractor_version = models.CharField(max_length=32)

    review_status = models.CharField(
        _("review status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NEW
    )
    verdict = models.ForeignKey(
        Verdict, verbose_name=_("verdict"), null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    original_content = models.TextField(
        blank=True, help_text=_("The extracted wording, kept when a reviewer first corrects the claim.")
    )
    original_speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The extracted speaker, kept when a reviewer first corrects the claim."),
    )
    rationale = models.TextField(
        _("rationale"), blank=True, help_text=_("What the check found; published with the verdict.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    # The fact-check as the public reads it: written when a verdict is published, kept while the claim
    # is reviewed again (the working fields above change), replaced when it is published again.
    public_verdict = models.ForeignKey(
        Verdict,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The verdict on the public page; set once a verdict is published."),
    )
    public_content = models.TextField(blank=True, help_text=_("The claim as the public page shows it."))
    public_rationale = models.TextField(blank=True, help_text=_("The explanation as the public page shows it."))
    public_modified_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the public fact-check last changed: published, updated, corrected.")
    )
    version = models.PositiveIntegerField(default=1, help_text=_("Raised on every save; a stale edit is refused."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["article_id", "start"]
        permissions = [
            ("review_claim", _("Can take claims and propose verdicts")),
            ("publish_claim", _("Can publish, send back and reopen verdicts")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_span_unique"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=models.Q(checkworthiness__gte=0) & models.Q(checkworthiness__lte=1),
                name="claim_checkworthiness_range",
            ),
        ]
        indexes = [
            models.Index(fields=["review_status", "-checkworthiness"], name="claim_queue_idx"),
            models.Index(fields=["claim_date"], name="claim_date_idx"),
            models.Index(fields=["-checkworthiness"], name="claim_checkworthiness_idx"),
            models.Index(fields=["kind"], name="claim_kind_idx"),
            models.Index(fields=["created_at"], name="claim_created_idx"),
            models.Index(fields=["assignee", "review_status"], name="claim_assignee_idx"),
            # The admin's list filtered by review status, in article order; `id` makes its page keys index-only.
            models.Index(fields=["review_status", "article", "start", "end", "id"], name="claim_status_order_idx"),
            # Public pages and the ClaimReview feed: published verdicts, newest first.
            models.Index(
                fields=["-published_at", "-id"],
                name="claim_published_idx",
                condition=models.Q(review_status="published"),
            ),
            # Public fact-checks (published, under review again or retracted), newest first.
            models.Index(
                fields=["-published_at", "-id"],
                name="claim_public_idx",
                condition=models.Q(public_verdict__isnull=False),
            ),
            # The review queue: unassigned open claims, most check-worthy first.
            models.Index(
                fields=["-checkworthiness", "id"],
                name="claim_open_queue_idx",
                condition=models.Q(review_status__in=["new", "in_review", "reopened"], assignee=None),
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def is_reviewed(self) -> bool:
        """A human has touched it: re-extraction must leave it alone."""
        return self.review_status != self.ReviewStatus.NEW or self.assignee_id is not None


class ClaimEvent(models.Model):
    """One step of a claim's review, kept for its history: who did what, from which state to which."""

    class Action(models.TextChoices):
        TAKE = "take", _("Took it")
        ASSIGN = "assign", _("Assigned it")
        RELEASE = "release", _("Released it")
        EDIT = "edit", _("Edited it")
        PROPOSE = "propose", _("Proposed a verdict")
        PUBLISH = "publish", _("Published the verdict")
        SEND_BACK = "send_back", _("Sent it back")
        REOPEN = "reopen", _("Reopened it")
        DISMISS = "dismiss", _("Dismissed it")
        EVIDENCE = "evidence", _("Added evidence")
        RETRACT = "retract", _("Retracted it")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=Claim.ReviewStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=Claim.ReviewStatus.choices)
    verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text=_('What changed: {"field": [before, after]}.'))
    version = models.PositiveIntegerField(help_text=_("The claim's version after this step."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")
        ordering = ["claim_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "version"], name="claim_event_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display().lower()} (v{self.version})"


class Evidence(models.Model):
    """A source a reviewer relied on for a claim's verdict."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("url"), max_length=2000)
    title = models.CharField(_("title"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title or self.url


class PublicNotice(models.Model):
    """A notice on a public fact-check: it was updated, corrected or retracted, what changed, when and why.

    Written by the review services in the same transaction as the step; the public page lists them, newest first.
    """

    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        CORRECTION = "correction", _("Correction")
        RETRACTION = "retraction", _("Retraction")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"), help_text=_("Why, in the words of the editor; shown on the public page."))
    changes = models.JSONField(
        default=dict, blank=True, help_text=_('What changed on the public page: {"field": [before, after]}.')
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    version = models.PositiveIntegerField(help_text=_("The claim's version after the step that wrote the notice."))

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["claim_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of #{self.claim_id} ({self.created_at:%Y-%m-%d})"


class ClaimNote(models.Model):
    """A comment in a claim's discussion: reviewers and editors talk about the check here."""

    MAX_LENGTH = 4000

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("claim note")
        verbose_name_plural = _("claim notes")
        ordering = ["claim_id", "created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="claim_note_thread_idx")]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class Feed(models.Model):
    """An RSS or Atom feed polled by celery beat; each new entry is ingested once."""

    class Kind(models.TextChoices):
        ARTICLES = "articles", _("News articles")
        FACT_CHECKS = "fact_checks", _("Fact-checks (pages with ClaimReview)")

    url = models.URLField(max_length=2000, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.ARTICLES,
        help_text=_("What the feed's entries are: news articles to extract, or another organisation's fact-checks."),
    )
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    interval_minutes = models.PositiveIntegerField(default=30)
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(condition=models.Q(interval_minutes__gte=1), name="feed_interval_positive"),
        ]

    def __str__(self) -> str:
        return self.url


class ImportJob(models.Model):
    """A batch of articles to ingest, with per-item outcomes so progress and errors show."""

    class Kind(models.TextChoices):
        URLS = "urls", _("List of URLs")
        FILE = "file", _("JSONL or CSV file")
        FEED = "feed", _("Feed")
        FACT_CHECKS = "fact_checks", _("Published fact-checks")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    source = models.CharField(max_length=2000, help_text=_("What was imported: a file name, a feed, a list."))
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source}"


class ImportItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        STORED = "stored", _("Stored")
        DUPLICATE = "duplicate", _("Already stored")
        FAILED = "failed", _("Failed")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(help_text=_("Line or entry number in the source."))
    url = models.URLField(max_length=2000, blank=True)
    payload = models.JSONField(default=dict, blank=True, help_text=_("Inline article fields; cleared once stored."))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_items")
    fact_checks = models.ManyToManyField(
        "FactCheck", blank=True, related_name="import_items", help_text=_("The fact-checks this item stored.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import item")
        verbose_name_plural = _("import items")
        ordering = ["job_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="import_item_position_unique"),
        ]
        indexes = [
            models.Index(fields=["job", "status"], name="import_item_job_status_idx"),
            models.Index(fields=["url"], name="import_item_url_idx"),
        ]

    def __str__(self) -> str:
        return self.url or f"item {self.position}"


class ClaimMatchKey(models.Model):
    """A claim's normalised text (stems, numbers, no stop words), indexed for finding its repeats.

    On PostgreSQL a full-text index over the short `fingerprint` (a claim's longest
    words) finds candidates among millions of claims; on SQLite candidates are scanned.
    """

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, primary_key=True, related_name="match_key")
    fingerprint = models.CharField(max_length=300)

    def __str__(self) -> str:
        return self.fingerprint[:80]


class ClaimMatch(models.Model):
    """A near-duplicate of a claim among the stored claims: the same statement reported again."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    other = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    method = models.CharField(max_length=40)
    reasons = models.JSONField(default=list, blank=True)
    confirmed = models.BooleanField(
        null=True, blank=True, help_text=_("A reviewer's word: the same claim (yes) or not (no); empty until judged.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "other"], name="claim_match_unique"),
            models.CheckConstraint(condition=~models.Q(claim=models.F("other")), name="claim_match_not_self"),
        ]
        indexes = [models.Index(fields=["claim", "-score"], name="claim_match_best_idx")]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.other_id} ({self.score:.2f})"


class ClaimEmbedding(models.Model):
    """A check-worthy claim's meaning as a vector (multilingual, int8-quantised), for matching across languages."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    vector = models.BinaryField(help_text=_("claims.matching.text.embeddings.quantise() of the claim's embedding."))
    model = models.CharField(
        max_length=40, help_text=_("The embedding model's version; vectors of others are not compared.")
    )
    stamp = models.BigIntegerField(
        default=0, help_text=_("Grows with each write, in commit order: workers' vector indexes load what is newer.")
    )

    class Meta:
        indexes = [models.Index(fields=["stamp"], name="claim_embedding_stamp_idx")]

    def __str__(self) -> str:
        return f"embedding of #{self.claim_id}"


class FactCheck(models.Model):
    """A fact-check published by another organisation, read from its ClaimReview markup.

    De-duplicated by the review's URL: importing it again updates the record.
    """

    url = models.URLField(_("url"), max_length=2000, unique=True)
    publisher = models.CharField(_("publisher"), max_length=300)
    publisher_url = models.URLField(_("publisher url"), max_length=2000, blank=True)
    headline = models.CharField(_("headline"), max_length=500, blank=True)
    claim_reviewed = models.TextField(_("claim reviewed"))
    rating_label = models.CharField(
        _("rating"),
        max_length=200,
        blank=True,
        help_text=_("The rating's own words (alternateName), e.g. Hoaks, False."),
    )
    rating_value = models.FloatField(_("rating value"), null=True, blank=True)
    best_rating = models.FloatField(_("best rating"), null=True, blank=True)
    worst_rating = models.FloatField(_("worst rating"), null=True, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    claim_author = models.CharField(_("claim author"), max_length=300, blank=True)
    claim_date = models.DateField(_("claim date"), null=True, blank=True)
    appearances = models.JSONField(
        _("appearances"), default=list, blank=True, help_text=_("Addresses where the claim appeared.")
    )
    vector = models.BinaryField(null=True, blank=True, help_text=_("The embedding of the claim reviewed (int8)."))
    vector_model = models.CharField(max_length=40, blank=True)
    vector_stamp = models.BigIntegerField(
        default=0, help_text=_("Grows with each vector written, in commit order: workers' indexes load what is newer.")
    )
    matched_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When stored claims were last matched against it; empty until then.")
    )
    match_requeued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("published fact-check")
        verbose_name_plural = _("published fact-checks")
        ordering = ["-review_date", "-id"]
        indexes = [
            models.Index(fields=["publisher"], name="fact_check_publisher_idx"),
            models.Index(fields=["language"], name="fact_check_language_idx"),
            models.Index(fields=["matched_at"], name="fact_check_matched_idx"),
            models.Index(fields=["vector_stamp"], name="fact_check_vector_stamp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.claim_reviewed[:80]}"


class FactCheckMatch(models.Model):
    """A published fact-check that may cover a claim: found by the matcher, judged by a reviewer."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="fact_check_matches")
    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField()
    method = models.CharField(max_length=40)
    reasons = models.JSONField(default=list, blank=True)
    confirmed = models.BooleanField(
        null=True,
        blank=True,
        help_text=_("A reviewer's word: it covers this claim (yes) or not (no); empty until judged."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fact-check match")
        verbose_name_plural = _("fact-check matches")
        ordering = ["claim_id", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "fact_check"], name="fact_check_match_unique"),
        ]
        indexes = [models.Index(fields=["claim", "-score"], name="fact_check_match_best_idx")]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ fact-check {self.fact_check_id} ({self.score:.2f})"


class DashboardCount(models.Model):
    """A running total for the review dashboard, kept on write (claims.review.summaries): what the
    dashboard would otherwise count over every claim. `day` is EPOCH for totals that have none."""

    metric = models.CharField(max_length=24)
    day = models.DateField()
    key = models.CharField(max_length=64, blank=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["metric", "day", "key"], name="dashboard_count_unique")]
        # The outlets and speakers with the most published verdicts, without sorting them all.
        indexes = [models.Index(fields=["metric", "-n"], name="dashboard_count_top_idx")]

    def __str__(self) -> str:
        return f"{self.metric} {self.day} {self.key}: {self.n}"


class DashboardPublished(models.Model):
    """What a published claim adds to the dashboard's verdict tables, as last counted: the
    summaries take it off again when the claim is reopened, edited or deleted."""

    claim_id = models.BigIntegerField(primary_key=True)
    outlet_id = models.BigIntegerField(null=True)
    speaker_id = models.BigIntegerField(null=True)
    verdict_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return f"claim {self.claim_id}"


class ReviewerProfile(models.Model):
    """A desk user's own settings: the language they chose for the interface."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile", verbose_name=_("user")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return f"{self.user}: {self.language or '-'}"
