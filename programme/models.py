"""The programme's own pages: what PIM is, privacy and cookies, the questions people
ask, the news, and the accessibility declaration the 2019 act requires of a public
body's website. Their content lives in append-only versions: every save is a new
version, the public sees the newest published one."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """One page of the programme (its text is in its versions). "About" and "privacy"
    exist once each; a question of the FAQ and a news item are pages of their own."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("About the programme")
        PRIVACY = "privacy", _("Privacy and cookies")
        FAQ = "faq", _("question and answer")
        NEWS = "news", _("news item")

    kind = models.CharField(_("kind of page"), max_length=16, choices=Kind.choices)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    # When a news item was first published: its date in the list and the feeds.
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme page")
        verbose_name_plural = _("programme pages")
        ordering = ["kind", "created_at", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=["about", "privacy"]),
                name="programme_page_one_about_one_privacy",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["about", "privacy", "faq", "news"]),
                name="programme_page_known_kind",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["kind", "-published_at"])]
        # Global permissions of the programme office; who holds them is decided in
        # organisations/permissions.py (MINISTRY_ROLE_PERMISSIONS).
        permissions: ClassVar = [
            ("edit_programme_pages", _("Edit and publish the programme's pages")),
            ("view_programme_drafts", _("See drafts and versions of the pages")),
        ]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.NEWS:
            return reverse("programme:news_item", kwargs={"slug": self.slug})
        return reverse(f"programme:{self.kind}")


class PageVersion(models.Model):
    """One saved text of a page. Append-only (the database refuses UPDATE, see
    migration 0002); whether it was published (or, for a question or a news item,
    withdrawn from the public) is decided when it is saved. The public sees the
    newest published version, unless a newer one withdrew the page."""

    page = models.ForeignKey(
        Page, on_delete=models.PROTECT, related_name="versions", verbose_name=_("page")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"), blank=True)  # sanitised HTML only
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_en = models.TextField(_("content in English"), blank=True)  # sanitised
    is_published = models.BooleanField(_("published"), default=False)
    # A question or a news item taken off the public pages by this version (saving
    # a published version later puts it back).
    is_withdrawn = models.BooleanField(_("withdrawn from the public"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("page version")
        verbose_name_plural = _("page versions")
        ordering = ["page", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["page", "number"], name="programme_page_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="programme_page_version_positive"
            ),
            models.CheckConstraint(
                condition=~Q(title=""), name="programme_page_version_has_title"
            ),
            models.CheckConstraint(
                condition=~(Q(is_published=True) & Q(is_withdrawn=True)),
                name="programme_page_version_published_or_withdrawn",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["page", "is_published", "-number"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:page_version",
            kwargs={"pk": self.page_id, "number": self.number},
        )

    @property
    def in_english(self) -> bool:
        """Whether the page is shown in English: asked in English, and written so."""
        return (get_language() or "").startswith("en") and bool(self.body_en)

    @property
    def shown_title(self) -> str:
        return self.title_en if self.in_english and self.title_en else self.title

    @property
    def shown_body(self) -> str:
        """The sanitised HTML shown to the reader, in their language if written."""
        return self.body_en if self.in_english else self.body


class DeclarationVersion(models.Model):
    """One saved accessibility declaration of the portal, with every element the
    act of 4 April 2019 on the digital accessibility of public bodies' websites
    (art. 10) and the minister's template require, each a field of its own so none
    can be left out. Append-only, like the pages' versions."""

    class Status(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Assessment(models.TextChoices):
        SELF = "self", _("a self-assessment by the public body")
        EXTERNAL = "external", _("an assessment by an external body")

    number = models.PositiveIntegerField(_("version"), unique=True)
    entity_name = models.CharField(_("name of the public body"), max_length=300)
    site_name = models.CharField(_("name of the website"), max_length=300)
    site_url = models.URLField(_("address of the website"), max_length=300)
    site_published_on = models.DateField(_("date the website was published"))
    site_updated_on = models.DateField(_("date of its last significant update"))
    status = models.CharField(
        _("compliance with the act"), max_length=16, choices=Status.choices
    )
    non_accessible = models.TextField(
        _("content that is not accessible"), blank=True
    )  # sanitised HTML
    exemptions = models.TextField(
        _("exemptions and their reasons"), blank=True
    )  # sanitised HTML
    prepared_on = models.DateField(_("date the declaration was prepared"))
    reviewed_on = models.DateField(_("date of its last review and update"))
    assessment = models.CharField(
        _("how it was prepared"),
        max_length=16,
        choices=Assessment.choices,
        default=Assessment.SELF,
    )
    assessor = models.CharField(
        _("name of the external body"), max_length=300, blank=True
    )
    keyboard_shortcuts = models.TextField(_("keyboard shortcuts"), blank=True)
    contact_person = models.CharField(_("person responsible"), max_length=200)
    contact_email = models.EmailField(_("e-mail address"))
    contact_phone = models.CharField(_("telephone number"), max_length=40)
    architecture = models.TextField(_("architectural accessibility"))  # sanitised
    sign_language = models.TextField(
        _("sign language interpreting"), blank=True
    )  # sanitised HTML
    is_published = models.BooleanField(_("published"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility declaration")
        verbose_name_plural = _("accessibility declarations")
        ordering = ["-number"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(number__gte=1), name="programme_declaration_positive"
            ),
            # What the act requires is never empty, whatever writes the row.
            models.CheckConstraint(
                condition=~Q(entity_name="")
                & ~Q(site_name="")
                & ~Q(site_url="")
                & ~Q(contact_person="")
                & ~Q(contact_email="")
                & ~Q(contact_phone="")
                & ~Q(architecture=""),
                name="programme_declaration_required_elements",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["full", "partial", "none"]),
                name="programme_declaration_known_status",
            ),
            # Partly or not compliant: the declaration says what is not accessible.
            models.CheckConstraint(
                condition=Q(status="full") | ~Q(non_accessible=""),
                name="programme_declaration_names_what_is_not_accessible",
            ),
            models.CheckConstraint(
                condition=Q(assessment="self") | ~Q(assessor=""),
                name="programme_declaration_names_the_external_assessor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:accessibility_version", kwargs={"number": self.number}
        )
