"""Recruitment (nabór): a call for networks within an edition, the cities'
applications, their blind evaluation and the decisions that turn accepted
applications into network memberships."""

from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    LEAD = "lead", _("lead city")
    PARTNER = "partner", _("partner city")


class Call(models.Model):
    edition = models.ForeignKey(
        "networks.Edition",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("edition"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_published = models.BooleanField(_("published"), default=False)
    eligible_kinds = ArrayField(
        models.CharField(max_length=32),
        verbose_name=_("eligible kinds of organisation"),
        default=list,
    )
    min_partners = models.PositiveSmallIntegerField(_("partners at least"), default=5)
    max_partners = models.PositiveSmallIntegerField(_("partners at most"), default=10)
    min_voivodeships = models.PositiveSmallIntegerField(
        _("voivodeships at least"), default=3
    )
    one_network_per_city = models.BooleanField(
        _("a city joins one network of the edition at most"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        permissions = (("manage_calls", _("Run recruitment calls")),)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_open"
            ),
            models.CheckConstraint(
                condition=Q(max_partners__gte=F("min_partners")),
                name="call_partner_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:call", args=[self.slug])

    @property
    def is_open(self) -> bool:
        return self.is_published and self.opens_at <= timezone.now() < self.closes_at


class CallTheme(models.Model):
    """A theme on offer: accepted applications form its network."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="themes")
    theme = models.ForeignKey(
        "networks.Theme", on_delete=models.PROTECT, related_name="+"
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )

    class Meta:
        verbose_name = _("theme of a call")
        verbose_name_plural = _("themes of a call")
        ordering = ["call", "theme__name_pl"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["call", "theme"], name="call_theme_once")
        ]

    def __str__(self) -> str:
        return str(self.theme)


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("short text")
        LONG_TEXT = "long_text", _("long text")
        CHOICE = "choice", _("choice")
        NUMBER = "number", _("number")
        FILE = "file", _("file (PDF, DOCX, ODT)")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    options = models.TextField(
        _("options (one per line, for a choice)"), blank=True, max_length=2000
    )
    required = models.BooleanField(_("required"), default=True)
    track = models.CharField(
        _("asked of"),
        max_length=8,
        choices=Track.choices,
        blank=True,
        help_text=_("Empty: asked of every applicant."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def choices(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    scale_max = models.PositiveSmallIntegerField(_("scale: 0 to"), default=5)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["call", "position", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(scale_max__gte=1) & Q(weight__gt=0),
                name="criterion_scale_and_weight",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Decision(models.TextChoices):
        NONE = "", _("not decided")
        ACCEPTED = "accepted", _("accepted")
        RESERVE = "reserve", _("reserve")
        REJECTED = "rejected", _("rejected")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    theme = models.ForeignKey(
        CallTheme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("theme"),
    )
    track = models.CharField(_("track"), max_length=8, choices=Track.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped by every save: a form opened before someone else's save is refused.
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The ministry may reopen a submitted application for completion until then.
    completion_until = models.DateTimeField(
        _("open for completion until"), null=True, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    justification = models.TextField(_("justification"), blank=True, max_length=5000)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "theme", "track", "organisation__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["call", "organisation", "theme"],
                name="application_one_per_city_and_theme",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="application_submitted_has_a_time",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.theme} ({self.get_track_display()})"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:application", args=[self.pk])


def answer_file_path(answer: "Answer", filename: str) -> str:
    return (
        f"recruitment/{answer.application.call_id}/{answer.application_id}/{filename}"
    )


class Answer(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True, max_length=20_000)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    file = models.FileField(upload_to=answer_file_path, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["application", "question"], name="answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.question}"


class Assignment(models.Model):
    """An evaluator's duty to score one application (blind to the others' scores
    until their own is submitted)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evaluation_assignments",
        verbose_name=_("evaluator"),
    )
    conflict_of_interest = models.BooleanField(
        _("conflict of interest declared"), default=False
    )
    conflict_note = models.CharField(_("why"), max_length=500, blank=True)
    recommendation = models.CharField(
        _("recommendation"),
        max_length=10,
        choices=Application.Decision.choices,
        blank=True,
    )
    comment = models.TextField(_("overall comment"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Weighted score in percent (0–100), fixed when the evaluation is submitted.
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["application", "evaluator"], name="assignment_once"
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True)
                | (Q(score__isnull=False) & ~Q(recommendation="")),
                name="assignment_submitted_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.application}"


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="score_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
