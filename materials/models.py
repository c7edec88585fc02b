from pathlib import PurePath
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.uploads import DOCUMENTS, IMAGES, ODS, PRESENTATIONS, XLSX
from networks.models import Network

# What the library accepts, checked by content (core.uploads.validate_upload).
MATERIAL_FILE_KINDS = DOCUMENTS + PRESENTATIONS + (XLSX, ODS) + IMAGES
MATERIAL_MAX_BYTES = 25 * 1024 * 1024
ORIGINAL_NAME_MAX_LENGTH = 200


class Material(models.Model):
    """A document in the materials library: one of the programme's own (the ministry's
    rules and handbooks, `network` empty) or one a network shares. Its content lives
    in append-only versions."""

    class Language(models.TextChoices):
        POLISH = "pl", _("Polish")
        ENGLISH = "en", _("English")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        NETWORK = "network", _("the network's members")
        MINISTRY = "ministry", _("the ministry only")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.POLISH
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("network"),
        help_text=_("Empty for the programme's own documents."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(visibility="network") | Q(network__isnull=False),
                name="material_network_visibility_needs_network",
            ),
            # "The ministry only" is for the programme's own documents: a network's
            # material hidden from the network's own members would be a trap.
            models.CheckConstraint(
                condition=~Q(visibility="ministry") | Q(network__isnull=True),
                name="material_ministry_visibility_is_programme_wide",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["visibility", "-created_at"]),
            models.Index(fields=["network", "-created_at"]),
        ]
        # A global permission of the programme office; who holds it is decided in
        # organisations/permissions.py (MINISTRY_ROLE_PERMISSIONS).
        permissions: ClassVar = [
            (
                "manage_programme_materials",
                _("Upload the programme's materials and see the ministry's own"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("materials:detail", kwargs={"pk": self.pk})

    @property
    def is_programme_material(self) -> bool:
        return self.network_id is None


class MaterialVersion(models.Model):
    """One uploaded file of a material. Versions are append-only: a new upload adds
    version N+1 and the earlier ones stay downloadable (the database refuses UPDATE,
    see migration 0002)."""

    material = models.ForeignKey(
        Material,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("material"),
    )
    number = models.PositiveIntegerField(_("version"))
    # Stored under a random name: the name the person chose is kept only as data.
    file = models.FileField(_("file"), upload_to="materials/%Y/", max_length=255)
    original_name = models.CharField(
        _("file name"), max_length=ORIGINAL_NAME_MAX_LENGTH
    )
    size = models.PositiveBigIntegerField(_("size in bytes"))
    mime_type = models.CharField(_("kind of file"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("material version")
        verbose_name_plural = _("material versions")
        ordering = ["material", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["material", "number"], name="material_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="material_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.material} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "materials:download",
            kwargs={"pk": self.material_id, "number": self.number},
        )

    @property
    def extension(self) -> str:
        return PurePath(self.original_name).suffix.lstrip(".").upper()
