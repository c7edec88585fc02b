"""Structured records: the rows of a structured section — a MID's actions and
their indicators, the Network Sheet's schedule, the Improvement Plan's
recommendations and good practices. They belong to a section and are its live
state; every change saves a new SectionVersion holding a copy of them
(documents.services.records). Registered and named with the other models in
documents.models."""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Action(models.Model):
    """A MID action: tracked after the network ends, so a record, not prose."""

    section = models.ForeignKey(
        "documents.Section", on_delete=models.PROTECT, related_name="actions"
    )
    position = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    cost = models.DecimalField(
        _("cost (PLN)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    risks = models.TextField(_("risks"), blank=True, max_length=2000)
    lp_input = models.ForeignKey(
        "partnerships.ParticipationActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("LP input"),
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["section", "position", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="action_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0),
                name="action_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """How an action's result is measured: from a baseline to a target."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action", "id"]

    def __str__(self) -> str:
        return self.name


class ScheduleItem(models.Model):
    """A date in the Network Sheet's schedule: a meeting hosted by a member city,
    a study visit, a workshop or a deliverable's deadline."""

    class ItemKind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("network meeting")
        STUDY_VISIT = "study_visit", _("study visit")
        WORKSHOP = "workshop", _("workshop")
        DEADLINE = "deadline", _("deliverable deadline")

    section = models.ForeignKey(
        "documents.Section", on_delete=models.PROTECT, related_name="schedule_items"
    )
    item_kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=300)
    host = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host city"),
    )
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["section", "starts_on", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="schedule_item_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """A recommendation for national policy, with the MID sections that back it."""

    class ChangeType(models.TextChoices):
        LEGAL = "legal", _("legal")
        FINANCIAL = "financial", _("financial")
        ORGANISATIONAL = "organisational", _("organisational-institutional")
        KNOWLEDGE = "knowledge", _("knowledge-competence")

    class Priority(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    class Uptake(models.TextChoices):
        NOT_ASSESSED = "not_assessed", _("not assessed yet")
        IN_PROGRESS = "in_progress", _("in progress")
        ADOPTED = "adopted", _("adopted")
        REJECTED = "rejected", _("not adopted")

    section = models.ForeignKey(
        "documents.Section", on_delete=models.PROTECT, related_name="recommendations"
    )
    position = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    barrier = models.TextField(_("barrier it answers"), max_length=3000)
    evidence = models.ManyToManyField(
        "documents.Section",
        related_name="citing_recommendations",
        blank=True,
        verbose_name=_("evidence (MID sections)"),
    )
    proposed_change = models.TextField(_("proposed change"), max_length=5000)
    change_type = models.CharField(
        _("type of change"), max_length=16, choices=ChangeType.choices
    )
    addressee = models.CharField(_("addressee"), max_length=300)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    expected_impact = models.TextField(_("expected impact"), max_length=3000)
    uptake = models.CharField(
        _("uptake"),
        max_length=16,
        choices=Uptake.choices,
        default=Uptake.NOT_ASSESSED,
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return self.title


class GoodPractice(models.Model):
    section = models.ForeignKey(
        "documents.Section", on_delete=models.PROTECT, related_name="good_practices"
    )
    title = models.CharField(_("title"), max_length=300)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    description = models.TextField(_("description"), max_length=5000)
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["section", "id"]

    def __str__(self) -> str:
        return self.title
