"""The sections of a document's page — the contents list and every section with its
text, records and comment threads — and its review history, rendered once and kept
in Redis until the document changes.

They are most of the page's work (a MID has 15 sections and often dozens of
comments) and are read far more often than written. They depend on who is looking
only through what that person may do: edit, comment, resolve any comment or only
their own. Those, the language and the time zone are part of the key, so two people
share a cached copy only when they would be shown the same HTML. Nothing else about
the visit is in it: the CSRF token is put in on the way out, and the record card
(people and partnerships that other apps keep) is a part of its own, keyed by the
generations of those people (`networks.selectors.people_generations`) and put in too.

The documents' services start a new generation of a document's sections whenever
they change its sections, records or comments, or the recommendations that cite
it, and of every document's when a section template changes; the accounts'
services start one when an account is anonymised (`ERASED_ACCOUNTS`). A new
release (other code, templates or translations) never reads a copy an older one
made, and a copy is kept `SECTIONS_TTL` seconds at most in
any case.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from accounts.selectors import ERASED_ACCOUNTS
from core.page_cache import cached_html, cached_text, generations, new_generation
from documents.models import Document
from documents.selectors import SectionView, city_partnership, history, record_card
from networks.selectors import people_generations

SECTIONS_TTL = 24 * 3600  # seconds
_EVERY_DOCUMENT = "documents:sections"


def _generation(document_id: int) -> str:
    return f"{_EVERY_DOCUMENT}:{document_id}"


def sections_changed(*document_ids: int) -> None:
    """What these documents' sections show changed (once the transaction commits)."""
    new_generation(*(_generation(pk) for pk in set(document_ids)))


def section_templates_changed() -> None:
    """A section's title, guidance or position changed for every document of an
    edition: no cached section is current any more."""
    new_generation(_EVERY_DOCUMENT)


@dataclass(frozen=True)
class Viewer:
    """All that the sections' HTML depends on about the person looking."""

    user_id: int | None
    can_edit: bool
    can_comment: bool
    can_resolve_any: bool

    @property
    def key(self) -> str:
        # Whose comments show a "Resolve" button matters only for someone who
        # cannot resolve every comment.
        owner = 0 if self.can_resolve_any else self.user_id
        may = (self.can_edit, self.can_comment, self.can_resolve_any)
        return "".join(str(int(flag)) for flag in may) + f":{owner}"


def _render(
    document: Document,
    sections: list[SectionView],
    viewer: Viewer,
    *,
    csrf_token: str,
    record_card: str,
) -> str:
    return render_to_string(
        "documents/_sections.html",
        {
            "document": document,
            "sections": sections,
            "can_edit": viewer.can_edit,
            "can_comment": viewer.can_comment,
            "can_resolve_any": viewer.can_resolve_any,
            "viewer_id": viewer.user_id,
            "history": history(document=document),
            "csrf_token": csrf_token,
            "record_card": mark_safe(record_card),  # noqa: S308 - our template's HTML
        },
    )


def _record_card_html(document: Document) -> str:
    """The record card, cached under what it shows: the document's own facts (as
    read for the page) and the current generations of the people it names."""
    partnership = city_partnership(document=document)
    return cached_text(
        seen_as=(
            "documents:record-card",
            document.pk,
            document.organisation.name if document.organisation else None,
            str(document.network.name),
            str(document.network.edition.name),
            (partnership.pk, partnership.name) if partnership else None,
            document.versions_made,
            document.state,
            people_generations(),
        ),
        compute=lambda: render_to_string(
            "documents/_record_card.html", {"card": record_card(document=document)}
        ),
    )


def page_sections(
    request: HttpRequest,
    *,
    document: Document,
    viewer: Viewer,
    read: Callable[[], list[SectionView]],
    fresh: bool = False,
) -> SafeString:
    """The sections' HTML for this visit. `read` loads them from the database and is
    called only when no cached copy fits; `fresh`: never cached (the sections carry
    a form with errors, shown to this visitor only)."""
    record_card = _record_card_html(document)
    if fresh:
        html = _render(
            document,
            read(),
            viewer,
            csrf_token=get_token(request),
            record_card=record_card,
        )
        return mark_safe(html)  # noqa: S308 - rendered by our template
    return cached_html(
        request,
        seen_as=(
            "documents:sections",
            document.pk,
            # an erased account no longer signs its comments with its name
            generations(_EVERY_DOCUMENT, _generation(document.pk), ERASED_ACCOUNTS),
            # In the row already read: a database restored from a backup (whose
            # documents Redis's generations know nothing about) does not find newer
            # copies.
            document.last_activity_at.isoformat(),
            timezone.get_current_timezone_name(),
            viewer.key,
        ),
        ttl=SECTIONS_TTL,
        render=lambda marks: _render(
            document,
            read(),
            viewer,
            csrf_token=marks["csrf_token"],
            record_card=marks["record_card"],
        ),
        per_visit={"record_card": record_card},
    )
