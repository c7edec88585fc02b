"""The network's products — Network Sheet, City Action Initiative (MID) and
Improvement Plan — as sections made from per-edition templates, with append-only
versions of every section and snapshots of whole documents."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BilingualName

# The structured records live in their own module; named here with the others.
from documents.record_models import Action as Action
from documents.record_models import GoodPractice as GoodPractice
from documents.record_models import Indicator as Indicator
from documents.record_models import Recommendation as Recommendation
from documents.record_models import ScheduleItem as ScheduleItem


class Kind(models.TextChoices):
    SHEET = "sheet", _("Network Sheet")
    MID = "mid", _("City Action Initiative (MID)")
    PLAN = "plan", _("Improvement Plan")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    APPROVED = "approved", _("approved by the expert")
    ACCEPTED = "accepted", _("accepted by the ministry")
    PUBLISHED = "published", _("published")


class SectionTemplate(BilingualName):
    """One section of a document type in an edition: what authors are asked to
    write, with guidance. Ministry staff edit these per edition."""

    class Content(models.TextChoices):
        RICH_TEXT = "rich_text", _("text")
        RECORD_CARD = "record_card", _("record card (filled in automatically)")
        ACTIONS = "actions", _("action table")
        SCHEDULE = "schedule", _("schedule")
        RECOMMENDATIONS = "recommendations", _("recommendations")
        GOOD_PRACTICES = "good_practices", _("good practices")

    edition = models.ForeignKey(
        "networks.Edition",
        on_delete=models.PROTECT,
        related_name="section_templates",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("document"), max_length=8, choices=Kind.choices)
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    guidance = models.TextField(_("guidance for authors"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    content = models.CharField(
        _("kind of content"),
        max_length=16,
        choices=Content.choices,
        default=Content.RICH_TEXT,
    )

    class Meta:
        verbose_name = _("section template")
        verbose_name_plural = _("section templates")
        ordering = ["edition", "kind", "position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["edition", "kind", "key"], name="section_template_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    @property
    def is_structured(self) -> bool:
        return self.content not in (
            self.Content.RICH_TEXT,
            self.Content.RECORD_CARD,
        )


class Document(models.Model):
    kind = models.CharField(_("document"), max_length=8, choices=Kind.choices)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("network"),
    )
    # The city whose MID this is; empty for the network's own documents.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("city"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    versions_made = models.PositiveIntegerField(_("versions"), default=0)
    published_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published version"),
    )
    consultation_open = models.BooleanField(_("LP consultation open"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["network", "kind", "organisation__name"]
        permissions = (
            ("view_every_document", _("See every document, drafts included")),
            ("decide_documents", _("Accept and publish documents")),
            ("manage_templates", _("Edit the document templates")),
        )
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["network", "kind"],
                condition=~Q(kind="mid"),
                name="document_one_sheet_and_plan_per_network",
            ),
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(kind="mid"),
                name="document_one_mid_per_city_and_network",
            ),
            models.CheckConstraint(
                condition=Q(kind="mid", organisation__isnull=False)
                | (~Q(kind="mid") & Q(organisation__isnull=True)),
                name="document_mid_has_a_city",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["state", "network"])]

    def __str__(self) -> str:
        if self.organisation_id is not None:
            return f"{self.get_kind_display()} — {self.organisation}"
        return f"{self.get_kind_display()} — {self.network}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def short_name(self) -> str:
        """Names as people say them: "MID Gdynia", "Fiszka sieci"."""
        return str(
            {
                Kind.SHEET: _("Network Sheet"),
                Kind.MID: _("MID"),
                Kind.PLAN: _("Improvement Plan"),
            }[Kind(self.kind)]
        )

    @property
    def is_editable(self) -> bool:
        return self.state in (State.DRAFT, State.CHANGES_REQUESTED)


class SectionVersion(models.Model):
    """One saved state of a section. Append-only (a database trigger refuses
    UPDATE and DELETE): history is never rewritten."""

    section = models.ForeignKey(
        "Section",
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("section"),
    )
    number = models.PositiveIntegerField(_("version"))
    # Sanitised HTML; for structured sections the table as it was, for diffs.
    body = models.TextField(_("content"), blank=True)
    # Structured sections: the records as they were, to restore them.
    records = models.JSONField(_("records"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("section version")
        verbose_name_plural = _("section versions")
        ordering = ["section", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["section", "number"], name="section_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"


class Section(models.Model):
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="sections",
        verbose_name=_("document"),
    )
    template = models.ForeignKey(
        SectionTemplate,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("template"),
    )
    # The number of the newest version: a save based on an older one is stale.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    current = models.ForeignKey(
        SectionVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["document", "template__position", "template_id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["document", "template"], name="section_once_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document}: {self.template.name}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.document_id]) + (
            f"#sekcja-{self.pk}"
        )


class DocumentVersion(models.Model):
    """A numbered snapshot of every section of a document (append-only)."""

    class Reason(models.TextChoices):
        SAVED = "saved", _("saved by the authors")
        SUBMITTED = "submitted", _("submitted for review")
        RESTORED = "restored", _("restored from an earlier version")

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("version"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sections = models.ManyToManyField(
        SectionVersion, related_name="document_versions", verbose_name=_("sections")
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Transition(models.Model):
    """One move of a document through the review workflow: the history."""

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="transitions",
        verbose_name=_("document"),
    )
    name = models.CharField(_("step"), max_length=20)
    source = models.CharField(_("from"), max_length=20, choices=State.choices)
    target = models.CharField(_("to"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    comment = models.TextField(_("comment"), blank=True)
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["document", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.document}: {self.source} → {self.target}"


class Comment(models.Model):
    """A comment on a section (optionally on a quoted passage), or a reply."""

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("document"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("section"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    section_version = models.ForeignKey(
        SectionVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on version"),
    )
    quote = models.CharField(_("quoted passage"), max_length=500, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["section", "created_at", "id"]
        indexes: ClassVar = [models.Index(fields=["document", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class SectionDraft(models.Model):
    """What an author has typed in a section but not saved yet (autosave)."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="drafts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(blank=True)
    base_revision = models.PositiveIntegerField()
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unsaved draft")
        verbose_name_plural = _("unsaved drafts")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["section", "author"], name="section_draft_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} ({self.author})"
