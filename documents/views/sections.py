"""Editing a rich-text section: the editor, autosaved drafts, who else is
editing, and the section's history."""

from itertools import pairwise
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError
from core.permissions import refused_as_missing, require
from documents import permissions, selectors, services
from documents.forms import SectionForm
from documents.models import Document, Section, SectionTemplate
from documents.presence import PRESENCE_POLL, presence_touch
from documents.richtext import sanitise, word_diff
from documents.views.document import actor


def can_write(request: HttpRequest, document: Document) -> bool:
    """Authors may write in the states that allow it (else they are told why);
    for everyone else the editor does not exist."""
    require(permissions.is_author(request.user, document))
    if not document.is_editable:
        messages.error(
            request,
            _(
                "This document is %(state)s: it can be changed only in draft or "
                "after changes were requested."
            )
            % {"state": document.get_state_display()},
        )
        return False
    return True


def _editor(
    request: HttpRequest,
    document: Document,
    section: Section,
    form: SectionForm,
    *,
    conflict: dict[str, Any] | None = None,
    restored_draft: Any = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "documents/section_edit.html",
        {
            "document": document,
            "section": section,
            "form": form,
            "conflict": conflict,
            "restored_draft": restored_draft,
            "others": presence_touch(section_id=section.pk, user=actor(request)),
            "poll": PRESENCE_POLL,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    if section.template.content != SectionTemplate.Content.RICH_TEXT:
        raise Http404
    if not can_write(request, document):
        return redirect(section)
    if request.method == "GET":
        body = section.current.body if section.current else ""
        draft = selectors.own_draft(section=section, user=actor(request))
        revision = section.revision
        if draft and draft.body != body:
            # Bring back what the author typed; if someone saved meanwhile, saving
            # it shows both texts (the draft keeps the revision it started from).
            body, revision = draft.body, draft.base_revision
        else:
            draft = None
        form = SectionForm(initial={"body": body, "revision": revision})
        return _editor(request, document, section, form, restored_draft=draft)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _editor(request, document, section, form, status=400)
    try:
        services.section_save(
            section=section,
            expected_revision=form.cleaned_data["revision"],
            body=form.cleaned_data["body"],
            actor=actor(request),
        )
    except services.StaleSection as stale:
        theirs = stale.current.body if stale.current else ""
        yours = sanitise(form.cleaned_data["body"])
        left, right = word_diff(theirs, yours)
        # The form keeps the author's text and now starts from the newest version:
        # saving again after merging is a deliberate choice, not an accident.
        merged = SectionForm(
            initial={
                "body": yours,
                "revision": stale.current.number if stale.current else 0,
            }
        )
        conflict = {
            "message": stale.message,
            "theirs": theirs,
            "their_version": stale.current,
            "yours": yours,
            "diff": (left, right),
        }
        return _editor(
            request, document, section, merged, conflict=conflict, status=409
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _editor(request, document, section, form, status=400)
    messages.success(request, _("Section saved as a new version."))
    return redirect(section)


@login_required
@require_POST
def section_autosave(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    require(permissions.is_author(request.user, document))
    form = SectionForm(request.POST)
    draft = None
    if form.is_valid():
        draft = services.draft_autosave(
            section=section,
            body=form.cleaned_data["body"],
            base_revision=form.cleaned_data["revision"],
            actor=actor(request),
        )
    return render(request, "documents/_autosave.html", {"draft": draft})


@login_required
def section_presence(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    require(permissions.is_author(request.user, document))
    return render(
        request,
        "documents/_presence.html",
        {
            "document": document,
            "section": section,
            "others": presence_touch(section_id=section.pk, user=actor(request)),
            "poll": PRESENCE_POLL,
        },
    )


@login_required
def section_history(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    versions = list(selectors.section_history(section=section)[:50])
    changes = [
        (newer, word_diff(older.body, newer.body))
        for newer, older in pairwise(versions)
    ]
    return render(
        request,
        "documents/section_history.html",
        {
            "document": document,
            "section": section,
            "versions": versions,
            "changes": changes,
            "first": versions[-1] if versions else None,
        },
    )
