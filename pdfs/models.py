"""PDFs of document versions, rendered in the background. A render job is written in
the same transaction as the request, so that no request is lost when the broker is
down: the sweeper (tasks.sweep_render_jobs) dispatches what is waiting."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RENDERING = "rendering", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class Failure(models.TextChoices):
    """Why a PDF or a ZIP failed, as the people waiting for it are told (the
    technical reason, `error`, is the ministry's)."""

    TIMEOUT = "timeout", _("took too long")
    ERROR = "error", _("error")


class RenderJob(models.Model):
    class Variant(models.TextChoices):
        # A draft's PDF says so on every page; the published version's does not.
        DRAFT = "draft", _("draft")
        FINAL = "final", _("final")

    version = models.ForeignKey(
        "documents.DocumentVersion",
        on_delete=models.PROTECT,
        related_name="render_jobs",
        verbose_name=_("version"),
    )
    variant = models.CharField(_("variant"), max_length=8, choices=Variant.choices)
    # The print template's revision: a new layout makes new files, never a mix.
    template_revision = models.CharField(_("layout"), max_length=20)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to="pdf/", blank=True)
    # The exception as the worker saw it: shown to the ministry only
    # (pdfs.permissions.can_see_failure_details); everyone else reads `failure`.
    error = models.TextField(_("reason"), blank=True)
    failure = models.CharField(
        _("failure"), max_length=8, choices=Failure.choices, blank=True
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sent to a worker"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    render_seconds = models.FloatField(_("rendering time (s)"), null=True, blank=True)
    peak_memory_kb = models.PositiveIntegerField(
        _("worker's peak memory (KB)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("PDF")
        verbose_name_plural = _("PDFs")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["version", "variant", "template_revision"],
                name="render_job_one_per_version_variant_layout",
            ),
            models.CheckConstraint(
                condition=~Q(state="ready") | ~Q(file=""),
                name="render_job_ready_has_a_file",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["state", "dispatched_at"])]

    def __str__(self) -> str:
        return f"{self.version} ({self.variant})"


class Bundle(models.Model):
    """All published MIDs of a network in one ZIP, built in the background."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("network"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    file = models.FileField(_("file"), upload_to="pdf/bundles/", blank=True)
    document_count = models.PositiveIntegerField(_("documents"), default=0)
    error = models.TextField(_("reason"), blank=True)  # the ministry's, as above
    failure = models.CharField(
        _("failure"), max_length=8, choices=Failure.choices, blank=True
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sent to a worker"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("ZIP of published MIDs")
        verbose_name_plural = _("ZIPs of published MIDs")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.network} {self.requested_at:%Y-%m-%d %H:%M}"
