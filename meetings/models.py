from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import Sector


class Meeting(models.Model):
    """A joint meeting of an edition's networks, a network meeting hosted by a
    member city, or a meeting of one city's Local Partnership."""

    class Kind(models.TextChoices):
        JOINT = "joint", _("joint meeting of all networks")
        NETWORK = "network", _("network meeting")
        LOCAL_PARTNERSHIP = "local_partnership", _("Local Partnership meeting")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class MinutesStatus(models.TextChoices):
        NONE = "none", _("not started")
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    edition = models.ForeignKey(
        "networks.Edition",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("edition"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("network"),
    )
    host = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        verbose_name=_("host"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("format"), max_length=12, choices=Mode.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    is_public = models.BooleanField(
        _("public announcement"),
        default=False,
        help_text=_("Anyone may see the title, date, place and agenda."),
    )
    registration_limit = models.PositiveIntegerField(
        _("registration limit"), null=True, blank=True
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=10,
        choices=MinutesStatus.choices,
        default=MinutesStatus.NONE,
    )
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes approved by"),
    )
    minutes_approved_at = models.DateTimeField(
        _("minutes approved"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiser"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Bumped by every edit: a form carries the version it was opened at, and a save
    # from an older version is refused instead of overwriting someone's changes.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="joint") | Q(network__isnull=False),
                name="meeting_network_or_lp_has_network",
            ),
            models.CheckConstraint(
                condition=Q(mode="in_person") | ~Q(online_link=""),
                name="meeting_online_has_link",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["starts_at"]),
            # the public calendar (anonymous visitors, and the OR branch for others)
            models.Index(
                fields=["starts_at"],
                condition=Q(is_public=True),
                name="meeting_public_by_start",
            ),
            models.Index(fields=["network", "starts_at"]),
            models.Index(fields=["edition", "starts_at"]),
            models.Index(fields=["host", "starts_at"]),
        ]
        permissions: ClassVar = [
            ("organise_meetings", _("Organise any meeting, joint meetings included")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("item"), max_length=300)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=720),
                name="agenda_item_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="registration_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.meeting}"


class Attendance(models.Model):
    """Who was there, taken on the day: people with accounts, or anyone by name
    (with their sector at Local Partnership meetings)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the person is a member of the host city's Local Partnership: erasure
    # and data export find their rows by this link, never by name.
    member = models.ForeignKey(
        "partnerships.PartnershipMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("LP member"),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="attendance_once_per_account",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret in a person's calendar subscription links. Rotating it turns the
    old links off at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return str(self.user)
