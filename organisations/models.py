import datetime
from pathlib import PurePosixPath
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Voivodeship(models.TextChoices):
    """The 16 voivodeships, keyed by their TERYT code. Names are proper nouns and
    stay Polish in every language."""

    DOLNOSLASKIE = "02", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "04", "kujawsko-pomorskie"
    LUBELSKIE = "06", "lubelskie"
    LUBUSKIE = "08", "lubuskie"
    LODZKIE = "10", "łódzkie"
    MALOPOLSKIE = "12", "małopolskie"
    MAZOWIECKIE = "14", "mazowieckie"
    OPOLSKIE = "16", "opolskie"
    PODKARPACKIE = "18", "podkarpackie"
    PODLASKIE = "20", "podlaskie"
    POMORSKIE = "22", "pomorskie"
    SLASKIE = "24", "śląskie"
    SWIETOKRZYSKIE = "26", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "28", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "30", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "32", "zachodniopomorskie"

    @classmethod
    def from_name(cls, name: str) -> "Voivodeship":
        by_label = {str(member.label): member for member in cls}
        return by_label[name.strip().lower()]


# GUS's kind digit, the last of a TERYT code: 1 urban gmina, 2 rural gmina,
# 3 urban-rural gmina, 4 the town and 5 the rural area of an urban-rural gmina,
# 8 a district of Warsaw, 9 a delegation of a city's office.
TERYT_KIND_DIGITS = "1234589"


def teryt_problem(code: str, voivodeship: str) -> str:
    """What is wrong with a gmina's TERYT code (WOJ POW GMI RODZ: seven digits,
    the first two the voivodeship's, the last GUS's kind digit), or ""."""
    if len(code) != 7 or not (code.isascii() and code.isdigit()):
        return str(_("A TERYT code has exactly 7 digits (e.g. 2262011)."))
    if voivodeship and code[:2] != voivodeship:
        return str(
            _("A TERYT code of this voivodeship begins with %(code)s.")
            % {"code": voivodeship}
        )
    if code[-1] not in TERYT_KIND_DIGITS:
        return str(
            _("The last digit of a TERYT code is the kind of unit: 1–5, 8 or 9.")
        )
    return ""


class Organisation(models.Model):
    """A member organisation of the programme: the tenant. Its drafts, people and
    the personal data of its Local Partnership belong to it."""

    class Kind(models.TextChoices):
        CITY_COUNTY = "city_county", _("city with county rights")
        URBAN_GMINA = "urban_gmina", _("urban municipality")
        URBAN_RURAL_GMINA = "urban_rural_gmina", _("urban-rural municipality")
        RURAL_GMINA = "rural_gmina", _("rural municipality")
        ASSOCIATION = "association", _("association of local governments")
        INTERMUNICIPAL_UNION = "intermunicipal_union", _("inter-municipal union")
        MINISTRY = "ministry", _("ministry")
        EXPERT_BODY = "expert_body", _("expert body")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # ISO 3166-1 alpha-2 (django-countries: the names in the page's language); a
    # foreign partner city has its country and no voivodeship.
    country = CountryField(_("country"), default="PL", db_default="PL")
    voivodeship = models.CharField(
        _("voivodeship"), max_length=2, choices=Voivodeship.choices, blank=True
    )
    seat = models.CharField(_("seat"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    teryt = models.CharField(_("TERYT code"), max_length=7, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    website = models.URLField(_("website"), blank=True, db_default="")
    # Deactivated, never deleted: its history (networks, documents) stays.
    is_active = models.BooleanField(_("active"), default=True, db_default=True)
    deactivated_on = models.DateField(_("deactivated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
            # The official register's key: one organisation per TERYT code.
            models.UniqueConstraint(
                fields=["teryt"],
                condition=~models.Q(teryt=""),
                name="organisation_one_per_teryt",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["voivodeship", "name"])]
        # Object permissions; who holds which is decided in permissions.py.
        permissions: ClassVar = [
            ("view_people", _("See the organisation's people and invitations")),
            ("manage_people", _("Invite, re-role and deactivate officers")),
            ("manage_coordinators", _("Invite coordinators")),
            (
                "manage_organisations",
                _("Add, change and deactivate organisations"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def is_polish(self) -> bool:
        return self.country == "PL"

    @property
    def logo_file_name(self) -> str:
        """The stored logo's own (random) name: the last part of its address."""
        return PurePosixPath(self.logo.name or "").name

    @property
    def is_ministry(self) -> bool:
        return self.kind == self.Kind.MINISTRY


class Membership(models.Model):
    """A person's place in an organisation. In the ministry's own organisation the
    coordinator role means ministry admin and the officer role ministry staff."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        OFFICER = "officer", _("officer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    # Made inactive by the deactivation of its organisation (not by a person):
    # the organisation's reactivation makes it active again.
    suspended_with_organisation = models.BooleanField(
        default=False, db_default=False, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An e-mailed invitation to take a role in an organisation. Only a hash of its
    token is stored; the link in the e-mail is the only copy of the token."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REVOKED = "revoked", _("revoked")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    # None: invited from the server's command line (create_ministry_admin), the
    # first ministry admin of an install that has no one to invite them yet.
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    decided_at = models.DateTimeField(_("accepted or revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints: ClassVar = [
            # One open invitation per person and organisation: a resend replaces it.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired


INVITATION_VALIDITY = datetime.timedelta(days=14)


class OrganisationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class OrganisationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)
