import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
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
    # What the retention of the members' personal data has done (each step once):
    # the coordinators were told the erasure is coming; the data were erased.
    retention_notice_sent_on = models.DateField(
        _("erasure notice sent on"), null=True, blank=True
    )
    data_erased_on = models.DateField(
        _("members' data erased on"), null=True, blank=True
    )
    # db_default too: the scale generator (devtools) writes rows with COPY.
    data_contact = models.TextField(
        _("the city's contact for data protection matters"),
        max_length=1000,
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "Shown with the information clause on the join form and the public "
            "page: who in the city answers questions about members' personal data "
            "(e.g. the city's data protection officer, an e-mail address)."
        ),
    )
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

    @property
    def is_ended(self) -> bool:
        return self.status == self.Status.ENDED

    @property
    def retention_ends_on(self) -> datetime.date | None:
        """The last day the ended LP's members' personal data are kept for."""
        if self.ended_on is None:
            return None
        return self.ended_on + datetime.timedelta(
            days=settings.PARTNERSHIP_RETENTION_DAYS
        )

    @property
    def data_erasure_due_on(self) -> datetime.date | None:
        """When the members' personal data will be erased: when the retention
        period is over, yet never sooner than PARTNERSHIP_RETENTION_NOTICE_DAYS
        after the coordinators were told (an LP marked ended long after the fact
        still gives its city the full notice)."""
        ends = self.retention_ends_on
        if ends is None:
            return None
        notice = datetime.timedelta(days=settings.PARTNERSHIP_RETENTION_NOTICE_DAYS)
        if self.retention_notice_sent_on is not None:
            return max(ends, self.retention_notice_sent_on + notice)
        return max(ends, timezone.localdate() + notice)


class ConsentClause(models.Model):
    """A version of the information clause (RODO, art. 13) and the legal basis
    members are told about, published by the ministry. Members record which version
    they saw; a published version is never changed (a new version replaces it)."""

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("consent (art. 6(1)(a) GDPR)")
        PUBLIC_TASK = "public_task", _("public task (art. 6(1)(e) GDPR)")

    version = models.CharField(_("version"), max_length=20, unique=True)
    controller = models.TextField(
        _("controller"),
        max_length=2000,
        blank=True,
        default="",
        db_default="",
    )
    dpo_contact = models.TextField(
        _("data protection officer's contact"),
        max_length=2000,
        blank=True,
        default="",
        db_default="",
    )
    purposes = models.TextField(
        _("purposes of processing"),
        max_length=4000,
        blank=True,
        default="",
        db_default="",
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices
    )
    retention = models.TextField(
        _("how long the data are kept"),
        max_length=2000,
        blank=True,
        default="",
        db_default="",
    )
    rights = models.TextField(
        _("the person's rights"),
        max_length=4000,
        blank=True,
        default="",
        db_default="",
    )
    # The whole clause as one text, as versions were written before the parts
    # above; for a new version, anything else the person should know.
    text = models.TextField(_("further information"), blank=True, default="")
    valid_from = models.DateField(_("valid from"))
    published_at = models.DateTimeField(
        _("published"), default=timezone.now, db_default=Now()
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("information clause")
        verbose_name_plural = _("information clauses")
        # Several versions may start on the same day (a mistake corrected): the
        # one published last is the one in force.
        ordering = ["-valid_from", "-published_at", "-pk"]

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
