import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core.models import BilingualName
from organisations.models import Organisation


class Edition(models.Model):
    """One edition of the programme, e.g. the 2017–2019 pilot or PIM3."""

    name = models.CharField(_("name (Polish)"), max_length=120, unique=True)
    name_en = models.CharField(
        _("name (English)"), max_length=120, blank=True, db_default=""
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # The edition the portal runs now: exactly one once any edition exists.
    is_current = models.BooleanField(
        _("current edition"), default=False, db_default=False
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-starts_on"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="edition_dates_order"
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="edition_one_current",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (Polish unless an English one is set
        and the page is in English)."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Theme(BilingualName):
    """A theme on offer in a call (revitalisation, urban mobility, ...)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"), blank=True, max_length=5000, db_default=""
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name_pl"]

    def __str__(self) -> str:
        return self.name


class Network(BilingualName):
    """A thematic network of member organisations within one edition."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("edition"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("theme"),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name_pl"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="network_dates_order"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["edition", "name_pl"])]
        # Object permissions; who holds which is decided in permissions.py.
        permissions: ClassVar = [
            ("view_workspace", _("See the network's workspace")),
            ("lead_network", _("Act as the network's lead city")),
            ("review_network", _("Review the network's documents as its expert")),
            ("assign_expert", _("Assign thematic experts")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})


class NetworkMembership(models.Model):
    """An organisation's place in a network over a period. History is kept: a role
    change ends one row (valid_to) and starts another, nothing is overwritten."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead city")
        PARTNER = "partner", _("partner city")
        OBSERVER = "observer", _("observer")

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("network"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["valid_from", "organisation__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(role="lead", valid_to__isnull=True),
                name="network_one_current_lead",
            ),
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(valid_to__isnull=True),
                name="network_membership_one_current",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="network_membership_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def ended_on(self) -> datetime.date | None:
        """When the organisation's part ended: its own end, or the network's once the
        network is over (a member to its last day has no end of its own)."""
        if self.valid_to is not None:
            return self.valid_to
        if self.network.ends_on < timezone.localdate():
            return self.network.ends_on
        return None


class NetworkExpert(models.Model):
    """A thematic expert assigned to a network (one, sometimes more)."""

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="experts",
        verbose_name=_("network"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert_assignments",
        verbose_name=_("expert"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("thematic expert")
        verbose_name_plural = _("thematic experts")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=Q(valid_to__isnull=True),
                name="network_expert_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.network}"


class NetworkUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Network, on_delete=models.CASCADE)


class NetworkGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Network, on_delete=models.CASCADE)
