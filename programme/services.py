"""The only writers of the programme's pages. Every save is a new version (never a
change of an old one) and an audit event, in one transaction."""

import re
from dataclasses import dataclass, fields
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.slugs import free_slug
from documents.richtext import sanitise
from programme.models import DeclarationVersion, Page, PageVersion
from programme.permissions import can_edit_programme_pages

# What a page's audit events call the accessibility declaration (it is no Page).
DECLARATION = "accessibility"
# Addresses the news item's own URLs use: no news item may take them.
RESERVED_SLUGS = frozenset({"nowa", "rss", "atom"})
# Characters XML 1.0 cannot hold (a vertical tab pasted from a word processor):
# one of them in a news item would stop the RSS and Atom feeds for everyone.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(text: str) -> str:
    return _NOT_XML.sub("", text)


class StaleVersion(DomainError):
    """Someone saved a newer version after the editor was opened."""


def _stale() -> StaleVersion:
    return StaleVersion(
        _(
            "Someone saved a newer version while you were editing. Your text is "
            "kept below: check the newest version, then save again."
        )
    )


@dataclass(frozen=True)
class PageText:
    """What an editor sends for a page: its title and content, in Polish and
    (optionally) in English. The content is HTML; only its sanitised form is kept."""

    title: str
    body: str
    title_en: str = ""
    body_en: str = ""

    def cleaned(self) -> "PageText":
        return PageText(
            title=without_control_characters(self.title).strip(),
            body=sanitise(without_control_characters(self.body)),
            title_en=without_control_characters(self.title_en).strip(),
            body_en=sanitise(without_control_characters(self.body_en)),
        )


def _checked_text(text: PageText, *, publish: bool) -> PageText:
    clean = text.cleaned()
    if not clean.title:
        raise DomainError(_("A page needs a title."))
    if publish and not clean.body:
        raise DomainError(_("A page without content cannot be published."))
    return clean


def _audit(
    *,
    actor: User,
    ip_address: str | None,
    page: str,
    title: str,
    number: int,
    publish: bool,
    withdraw: bool = False,
) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.PROGRAMME_PAGE_SAVED,
        ip_address=ip_address,
        details={
            "page": page,
            "title": title,
            "version": number,
            "published": publish,
            "withdrawn": withdraw,
        },
    )


def _version_add(
    *,
    page: Page,
    number: int,
    text: PageText,
    publish: bool,
    actor: User,
    ip_address: str | None,
    withdraw: bool = False,
) -> PageVersion:
    version = PageVersion.objects.create(
        page=page,
        number=number,
        title=text.title,
        body=text.body,
        title_en=text.title_en,
        body_en=text.body_en,
        is_published=publish,
        is_withdrawn=withdraw,
        author=actor,
    )
    if publish and page.published_at is None:
        page.published_at = timezone.now()
        page.save(update_fields=["published_at"])
    _audit(
        actor=actor,
        ip_address=ip_address,
        page=page.kind,
        title=text.title,
        number=number,
        publish=publish,
        withdraw=withdraw,
    )
    return version


WITHDRAWABLE = (Page.Kind.FAQ, Page.Kind.NEWS)


def page_version_save(
    *,
    page: Page,
    text: PageText,
    publish: bool,
    expected_revision: int,
    actor: User,
    ip_address: str | None = None,
    withdraw: bool = False,
) -> PageVersion:
    """Saves the page's text as its next version: published (the public sees it
    from now on), a draft (the public keeps seeing the last published one), or —
    for a question or a news item — withdrawn (the public no longer sees the page
    until a version is published again). Refused when someone saved a version
    after `expected_revision`."""
    if not can_edit_programme_pages(actor):
        raise PermissionDenied
    if withdraw and (publish or page.kind not in WITHDRAWABLE):
        raise DomainError(_("This page is always public: it cannot be withdrawn."))
    clean = _checked_text(text, publish=publish)
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        last = locked.versions.aggregate(last=Max("number"))["last"] or 0
        if last != expected_revision:
            raise _stale()
        return _version_add(
            page=locked,
            number=last + 1,
            text=clean,
            publish=publish,
            actor=actor,
            ip_address=ip_address,
            withdraw=withdraw,
        )


def _free_slug(title: str) -> str:
    return free_slug(
        title,
        among=Page.objects.all(),
        fallback="strona",
        max_length=100,
        reserved=RESERVED_SLUGS,
    )


def page_create(
    *,
    kind: Page.Kind,
    text: PageText,
    publish: bool,
    actor: User,
    ip_address: str | None = None,
) -> PageVersion:
    """Adds a question to the FAQ or a news item, with its text as version 1
    (published at once, or kept as a draft for later)."""
    if not can_edit_programme_pages(actor):
        raise PermissionDenied
    if kind not in (Page.Kind.FAQ, Page.Kind.NEWS):
        raise DomainError(_("This page exists once and cannot be added again."))
    clean = _checked_text(text, publish=publish)
    with transaction.atomic():
        page = Page.objects.create(
            kind=kind, slug=_free_slug(clean.title), created_by=actor
        )
        return _version_add(
            page=page,
            number=1,
            text=clean,
            publish=publish,
            actor=actor,
            ip_address=ip_address,
        )


@dataclass(frozen=True)
class DeclarationText:
    """Every element of the accessibility declaration (see DeclarationVersion)."""

    entity_name: str
    site_name: str
    site_url: str
    site_published_on: date
    site_updated_on: date
    status: str
    non_accessible: str
    exemptions: str
    prepared_on: date
    reviewed_on: date
    assessment: str
    assessor: str
    keyboard_shortcuts: str
    contact_person: str
    contact_email: str
    contact_phone: str
    architecture: str
    sign_language: str


RICH_DECLARATION_FIELDS = (
    "non_accessible",
    "exemptions",
    "architecture",
    "sign_language",
)


def _label(name: str) -> str:
    field = DeclarationVersion._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def declaration_checked(text: DeclarationText) -> dict[str, object]:
    """The declaration's values as they would be stored (rich text sanitised,
    spaces trimmed), or a DomainError naming every required element left out."""
    values: dict[str, object] = {}
    for one in fields(DeclarationText):
        value = getattr(text, one.name)
        if one.name in RICH_DECLARATION_FIELDS:
            value = sanitise(value)
        elif isinstance(value, str):
            value = value.strip()
        values[one.name] = value
    missing = [
        _label(name)
        for name in (
            "entity_name",
            "site_name",
            "site_url",
            "contact_person",
            "contact_email",
            "contact_phone",
            "architecture",
        )
        if not values[name]
    ]
    if (
        values["status"] != DeclarationVersion.Status.FULL
        and not values["non_accessible"]
    ):
        missing.append(_label("non_accessible"))
    if (
        values["assessment"] == DeclarationVersion.Assessment.EXTERNAL
        and not values["assessor"]
    ):
        missing.append(_label("assessor"))
    if values["assessment"] == DeclarationVersion.Assessment.SELF:
        values["assessor"] = ""
    if missing:
        raise DomainError(
            _("The declaration cannot leave out: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    return values


def declaration_save(
    *,
    text: DeclarationText,
    publish: bool,
    expected_revision: int,
    actor: User,
    ip_address: str | None = None,
) -> DeclarationVersion:
    """Saves the accessibility declaration as its next version: published (the
    public page shows it from now on) or a draft. Every element the act requires
    must be there; refused when someone saved a version after `expected_revision`."""
    if not can_edit_programme_pages(actor):
        raise PermissionDenied
    values = declaration_checked(text)
    with transaction.atomic():
        # The table's own lock: two first versions must not both be number 1.
        last_row = (
            DeclarationVersion.objects.select_for_update().order_by("-number").first()
        )
        last = last_row.number if last_row else 0
        if last != expected_revision:
            raise _stale()
        version = DeclarationVersion.objects.create(
            number=last + 1, is_published=publish, author=actor, **values
        )
        _audit(
            actor=actor,
            ip_address=ip_address,
            page=DECLARATION,
            title=str(DeclarationVersion._meta.verbose_name),
            number=version.number,
            publish=publish,
        )
    return version
