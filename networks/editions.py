"""Editions and themes: the ministry adds and changes them, and prepares the next
edition from an earlier one. Every change is one action, checked here, with its
audit event in the same transaction."""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.page_cache import new_generation
from core.slugs import free_slug
from networks.models import Edition, Theme
from networks.permissions import can_manage_editions, can_manage_themes
from networks.selectors import NETWORKS
from networks.signals import (
    PREPARED_PARTS,
    Offer,
    edition_preparation_offered,
    edition_prepared,
)

EDITION_FIELDS = ("name", "name_en", "starts_on", "ends_on", "is_current")
THEME_FIELDS = ("name_pl", "name_en", "description")


@dataclass(frozen=True)
class EditionDraft:
    name: str
    name_en: str
    starts_on: datetime.date
    ends_on: datetime.date
    is_current: bool


@dataclass(frozen=True)
class ThemeDraft:
    name_pl: str
    name_en: str
    description: str


def _one_line(text: str) -> str:
    """A name as stored: on one line (networks are named after their theme, and
    their names go into e-mail subjects, where a line break fails)."""
    return " ".join(text.split())


def _edition_drafted(draft: EditionDraft) -> EditionDraft:
    return replace(draft, name=_one_line(draft.name), name_en=_one_line(draft.name_en))


def _theme_drafted(draft: ThemeDraft) -> ThemeDraft:
    return replace(
        draft, name_pl=_one_line(draft.name_pl), name_en=_one_line(draft.name_en)
    )


# Reads


def editions_listed() -> QuerySet[Edition]:
    return Edition.objects.order_by("-starts_on", "name")


def themes_listed() -> QuerySet[Theme]:
    return Theme.objects.order_by("name_pl")


def edition_by_slug(slug: str) -> Edition | None:
    return Edition.objects.filter(slug=slug).first()


def theme_by_slug(slug: str) -> Theme | None:
    return Theme.objects.filter(slug=slug).first()


def preparation_offers(*, source: Edition) -> list[Offer]:
    """What the apps above can copy of `source` into the next edition, in the
    order of PREPARED_PARTS."""
    answers: list[object] = [
        answer
        for _receiver, answer in edition_preparation_offered.send(
            sender=Edition, source=source
        )
    ]
    offers = [
        answer
        for answer in answers
        if isinstance(answer, Offer) and answer.part in PREPARED_PARTS
    ]
    order = list(PREPARED_PARTS)
    return sorted(offers, key=lambda offer: order.index(offer.part))


# Writes


def _check_edition(draft: EditionDraft, *, other_than: int | None = None) -> None:
    if draft.ends_on < draft.starts_on:
        raise DomainError(_("An edition cannot end before it starts."))
    same_name = Edition.objects.annotate(lower=Lower("name")).filter(
        lower=draft.name.strip().lower()
    )
    if other_than is not None:
        same_name = same_name.exclude(pk=other_than)
    if same_name.exists():
        raise DomainError(_("There is already an edition with this name."))


def _unmark_current() -> None:
    """Un-marks the current edition, so that another can be marked (the database
    holds at most one current edition)."""
    Edition.objects.filter(is_current=True).update(is_current=False)


def _renamed(details: dict[str, object], was: str) -> dict[str, object]:
    """The details of a change, with the name before it if the name changed."""
    name = str(details.get("edition", details.get("theme")))
    return details if name == was else {**details, "was": was}


def edition_create(
    *, draft: EditionDraft, actor: User, ip_address: str | None = None
) -> Edition:
    """Adds an edition of the programme. Marked current, it becomes the edition the
    portal runs (home page, the ministry's overview) in place of the one before;
    the first edition of an empty portal is current whatever was asked."""
    if not can_manage_editions(actor):
        raise PermissionDenied
    draft = _edition_drafted(draft)
    _check_edition(draft)
    with transaction.atomic():
        # Every edition locked: two ministry admins marking two editions current
        # at once wait for each other instead of tripping the constraint.
        locked = list(Edition.objects.select_for_update().values_list("pk", flat=True))
        current = draft.is_current or not locked
        edition = Edition(
            name=draft.name.strip(),
            name_en=draft.name_en.strip(),
            slug=free_slug(
                draft.name,
                among=Edition.objects.all(),
                fallback="edycja",
                max_length=110,
            ),
            starts_on=draft.starts_on,
            ends_on=draft.ends_on,
        )
        if current:
            _unmark_current()
            edition.is_current = True
        edition.save()
        new_generation(NETWORKS)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EDITION_CREATED,
            ip_address=ip_address,
            details={"edition": edition.name, "current": edition.is_current},
        )
    return edition


def edition_update(
    *,
    edition: Edition,
    draft: EditionDraft,
    actor: User,
    ip_address: str | None = None,
) -> Edition:
    """Changes an edition's names, dates or whether it is the current one. The
    address stays as it was, so links to it keep working."""
    if not can_manage_editions(actor):
        raise PermissionDenied
    draft = _edition_drafted(draft)
    _check_edition(draft, other_than=edition.pk)
    with transaction.atomic():
        list(Edition.objects.select_for_update().values_list("pk", flat=True))
        edition = Edition.objects.get(pk=edition.pk)
        if edition.is_current and not draft.is_current:
            raise DomainError(
                _(
                    "One edition is always the current one: to change it, mark "
                    "another edition as current."
                )
            )
        was = edition.name
        wanted = {
            "name": draft.name.strip(),
            "name_en": draft.name_en.strip(),
            "starts_on": draft.starts_on,
            "ends_on": draft.ends_on,
            "is_current": draft.is_current,
        }
        changed = [f for f in EDITION_FIELDS if getattr(edition, f) != wanted[f]]
        if not changed:
            return edition
        if "is_current" in changed:  # made current: un-marking it is refused above
            _unmark_current()
        for field in changed:
            setattr(edition, field, wanted[field])
        edition.save(update_fields=changed)
        new_generation(NETWORKS)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EDITION_UPDATED,
            ip_address=ip_address,
            details=_renamed({"edition": edition.name, "changed": changed}, was),
        )
    return edition


def edition_prepare(
    *,
    source: Edition,
    draft: EditionDraft,
    chosen: dict[str, str],
    actor: User,
    ip_address: str | None = None,
) -> Edition:
    """Makes the next edition from an earlier one: the new edition with what was
    chosen of the earlier one's parts copied into it (the documents' section
    templates, a call as an unpublished draft). Themes belong to the programme,
    so the new edition's calls offer them all as they are. All of it happens, or
    none of it."""
    if not can_manage_editions(actor):
        raise PermissionDenied
    draft = _edition_drafted(draft)
    chosen = {part: value for part, value in chosen.items() if part in PREPARED_PARTS}
    with transaction.atomic():
        target = edition_create(draft=draft, actor=actor, ip_address=ip_address)
        edition_prepared.send(
            sender=Edition, source=source, target=target, actor=actor, chosen=chosen
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EDITION_PREPARED,
            ip_address=ip_address,
            details={
                "edition": target.name,
                "source": source.name,
                "copied": [part for part, value in chosen.items() if value],
            },
        )
    return target


def edition_current_when_none(*, edition: Edition) -> bool:
    """Marks `edition` current if no edition is (an install loaded without the
    portal's forms, e.g. by `load_pilot`). True if it was marked."""
    with transaction.atomic():
        list(Edition.objects.select_for_update().values_list("pk", flat=True))
        if Edition.objects.filter(is_current=True).exists():
            return False
        Edition.objects.filter(pk=edition.pk).update(is_current=True)
        new_generation(NETWORKS)
    return True


def _check_theme(draft: ThemeDraft, *, other_than: int | None = None) -> None:
    same_name = Theme.objects.annotate(lower=Lower("name_pl")).filter(
        lower=draft.name_pl.strip().lower()
    )
    if other_than is not None:
        same_name = same_name.exclude(pk=other_than)
    if same_name.exists():
        raise DomainError(_("There is already a theme with this name."))


def theme_create(
    *, draft: ThemeDraft, actor: User, ip_address: str | None = None
) -> Theme:
    """Adds a theme to the programme: every call of any edition may offer it."""
    if not can_manage_themes(actor):
        raise PermissionDenied
    draft = _theme_drafted(draft)
    _check_theme(draft)
    with transaction.atomic():
        theme = Theme.objects.create(
            name_pl=draft.name_pl.strip(),
            name_en=draft.name_en.strip(),
            description=draft.description.strip(),
            slug=free_slug(
                draft.name_pl,
                among=Theme.objects.all(),
                fallback="temat",
                max_length=110,
            ),
        )
        new_generation(NETWORKS)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.THEME_CREATED,
            ip_address=ip_address,
            details={"theme": theme.name_pl},
        )
    return theme


def theme_update(
    *, theme: Theme, draft: ThemeDraft, actor: User, ip_address: str | None = None
) -> Theme:
    """Changes a theme's names or description, for every call and network that
    has it (a network keeps its own name)."""
    if not can_manage_themes(actor):
        raise PermissionDenied
    draft = _theme_drafted(draft)
    _check_theme(draft, other_than=theme.pk)
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        was = theme.name_pl
        wanted = {
            "name_pl": draft.name_pl.strip(),
            "name_en": draft.name_en.strip(),
            "description": draft.description.strip(),
        }
        changed = [f for f in THEME_FIELDS if getattr(theme, f) != wanted[f]]
        if not changed:
            return theme
        for field in changed:
            setattr(theme, field, wanted[field])
        theme.save(update_fields=changed)
        new_generation(NETWORKS)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.THEME_UPDATED,
            ip_address=ip_address,
            details=_renamed({"theme": theme.name_pl, "changed": changed}, was),
        )
    return theme
