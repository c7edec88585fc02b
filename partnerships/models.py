from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Sectors of Local Partnership participants (meeting attendance uses them too)."""

    LOCAL_GOVERNMENT = "local_government", _("local government")
    NGO = "ngo", _("NGO")
    BUSINESS = "business", _("business")
    PUBLIC_INSTITUTION = "public_institution", _("public institution")
    SCIENCE = "science", _("science / education")
    RESIDENT = "resident", _("resident")
    OTHER = "other", _("other")


class LocalPartnership(models.Model):
    """A city's Local Partnership (LP) within one network: local government,
    socio-economic partners and residents who write the city's MID together."""

    class Formula(models.TextChoices):
        OPEN = "open", _("open (anyone may ask to join)")
        CLOSED = "closed", _("closed (members are invited)")

    class Status(models.TextChoices):
        FORMING = "forming", _("forming")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("city"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("network"),
    )
    name = models.CharField(_("name"), max_length=200)
    formula = models.CharField(_("formula"), max_length=10, choices=Formula.choices)
    goals = models.TextField(_("goals"), blank=True)
    working_rules = models.TextField(_("working rules"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FORMING
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public page"),
        default=False,
        help_text=_("Show the formula, the sector composition and how to join."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every edit: a save from a form opened before someone else's edit is
    # refused instead of overwriting it.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Local Partnership")
        verbose_name_plural = _("Local Partnerships")
        ordering = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "network"], name="partnership_one_per_city"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | Q(ended_on__isnull=False),
                name="partnership_ended_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"pk": self.pk})


class ConsentClause(models.Model):
    """A version of the information clause (RODO) and the legal basis members are
    told about. Members record which version they saw; versions never change."""

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("consent (art. 6(1)(a) GDPR)")
        PUBLIC_TASK = "public_task", _("public task (art. 6(1)(e) GDPR)")

    version = models.CharField(_("version"), max_length=20, unique=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices
    )
    text = models.TextField(_("clause text"))
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("information clause")
        verbose_name_plural = _("information clauses")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.version


class PartnershipMember(models.Model):
    """A person or an organisation in a Local Partnership. Personal data: visible
    only to the city's people and the ministry; erasable."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("LP coordinator")
        MEMBER = "member", _("member")
        OBSERVER = "observer", _("observer")

    partnership = models.ForeignKey(
        LocalPartnership,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("Local Partnership"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.MEMBER
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    consent_clause = models.ForeignKey(
        ConsentClause,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("information clause"),
    )
    consent_given_at = models.DateTimeField(_("consent given"))
    consent_withdrawn_at = models.DateTimeField(
        _("consent withdrawn"), null=True, blank=True
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("LP member")
        verbose_name_plural = _("LP members")
        ordering = ["name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="partnership_member_dates_order",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["partnership", "left_on"]),
            models.Index(fields=["partnership", "sector"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:member", kwargs={"pk": self.pk})

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class JoinRequest(models.Model):
    """Someone asking to join an open Local Partnership through its public page."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    partnership = models.ForeignKey(
        LocalPartnership, on_delete=models.CASCADE, related_name="join_requests"
    )
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    motivation = models.TextField(_("why you want to join"), blank=True)
    consent_clause = models.ForeignKey(
        ConsentClause, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    member = models.ForeignKey(
        "PartnershipMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_requests",
    )

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.name


class ParticipationActivity(models.Model):
    """A participation activity other than an LP meeting."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop")
        CONSULTATION = "consultation", _("consultation")
        SURVEY = "survey", _("survey")
        STUDY_VISIT = "study_visit", _("study visit")
        OTHER = "other", _("other")

    partnership = models.ForeignKey(
        LocalPartnership, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    reach = models.PositiveIntegerField(_("people reached"))
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("participation activity")
        verbose_name_plural = _("participation activities")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title
