from itertools import pairwise
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.errors import DomainError
from core.listing import page_of
from core.requests import client_ip
from documents import permissions, selectors, services
from documents.forms import (
    RECORD_FORMS,
    ActionForm,
    CommentForm,
    IndicatorFormSet,
    NewTemplateForm,
    ReplyForm,
    SectionForm,
    StepForm,
    TemplateForm,
    VersionForm,
)
from documents.models import (
    Action,
    Document,
    DocumentVersion,
    Kind,
    Section,
    SectionTemplate,
    State,
)
from documents.page_sections import Viewer, page_sections
from documents.presence import PRESENCE_POLL, presence_touch
from documents.richtext import word_diff
from documents.workflow import STEPS, steps_from
from networks.models import Edition, Network
from networks.permissions import VIEW_WORKSPACE, access_network
from organisations.models import Organisation
from pdfs.permissions import can_bundle
from pdfs.selectors import job_for, jobs_by_version, newest_pdf, with_newest_pdf


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


# ---------------------------------------------------------------- the document


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Starts the network's Sheet or Plan, or a city's MID (see services)."""
    network = access_network(
        request.user, request.POST.get("network", ""), permission=VIEW_WORKSPACE
    )
    kind = request.POST.get("kind", "")
    if kind not in Kind.values:
        raise Http404
    organisation = None
    if kind == Kind.MID:
        organisation = get_object_or_404(
            Organisation, slug=request.POST.get("organisation", "")
        )
    try:
        document = services.document_start(
            kind=kind, network=network, organisation=organisation, actor=_actor(request)
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("networks:workspace", network.slug)
    return redirect(document)


def _page(
    request: HttpRequest,
    document: Document,
    *,
    step_forms: dict[str, StepForm] | None = None,
    comment_forms: dict[int, CommentForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    steps = [
        step
        for step in steps_from(document.state)
        if permissions.may_take(user, step, document)
    ]
    step_forms = step_forms or {}
    comment_forms = comment_forms or {}
    latest = selectors.newest_version(document=document)
    viewer = Viewer(
        user_id=user.pk,
        can_edit=permissions.can_edit(user, document),
        can_comment=permissions.can_comment(user, document),
        can_resolve_any=permissions.can_resolve_any(user, document),
    )

    def read_sections() -> list[selectors.SectionView]:
        sections = selectors.document_page(document=document)
        for view in sections:
            # A form with errors to show again; the blank ones are written out.
            view.comment_form = comment_forms.get(view.section.pk)  # type: ignore[attr-defined]
        return sections

    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "sections_html": page_sections(
                request,
                document=document,
                viewer=viewer,
                read=read_sections,
                fresh=bool(comment_forms),
            ),
            "steps": [
                (step, step_forms.get(step.name, StepForm(prefix=step.name)))
                for step in steps
            ],
            "can_edit": viewer.can_edit,
            "can_consult": permissions.can_manage_consultation(user, document),
            "latest_version": latest,
            "latest_job": newest_pdf(document),
            "version_form": VersionForm(),
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        permissions.access_document(
            request.user, pk, documents=with_newest_pdf(selectors.page_documents())
        ),
    )


@login_required
@require_POST
def take_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    if step not in STEPS:
        raise Http404
    form = StepForm(request.POST, prefix=step)
    if form.is_valid():
        try:
            services.document_take_step(
                document=document,
                step_name=step,
                actor=_actor(request),
                comment=form.cleaned_data["comment"],
                ip_address=client_ip(request),
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except DomainError as error:
            form.add_error("comment", error.message)
        else:
            messages.success(
                request,
                _("Done: the document is now %(state)s.")
                % {"state": State(STEPS[step].target).label},
            )
            return redirect(document)
    return _page(request, document, step_forms={step: form}, status=400)


@login_required
@require_POST
def consultation(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    if action not in ("otworz", "zamknij"):
        raise Http404
    try:
        services.consultation_set(
            document=document, is_open=action == "otworz", actor=_actor(request)
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(
        request,
        _("The consultation with the Local Partnership is open.")
        if action == "otworz"
        else _("The consultation with the Local Partnership is closed."),
    )
    return redirect(document)


# ---------------------------------------------------------------- sections


def _may_write(request: HttpRequest, document: Document) -> bool:
    """Authors may write in the states that allow it (else they are told why);
    for everyone else the editor does not exist."""
    if not permissions.is_author(request.user, document):
        raise Http404
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
            "others": presence_touch(section_id=section.pk, user=_actor(request)),
            "poll": PRESENCE_POLL,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    if section.template.content != SectionTemplate.Content.RICH_TEXT:
        raise Http404
    if not _may_write(request, document):
        return redirect(section)
    if request.method == "GET":
        body = section.current.body if section.current else ""
        draft = selectors.own_draft(section=section, user=_actor(request))
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
            actor=_actor(request),
        )
    except services.StaleSection as stale:
        theirs = stale.current.body if stale.current else ""
        yours = services.sanitise(form.cleaned_data["body"])
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
    except PermissionDenied as denied:
        raise Http404 from denied
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
    if not permissions.is_author(request.user, document):
        raise Http404
    form = SectionForm(request.POST)
    draft = None
    if form.is_valid():
        draft = services.draft_autosave(
            section=section,
            body=form.cleaned_data["body"],
            base_revision=form.cleaned_data["revision"],
            actor=_actor(request),
        )
    return render(request, "documents/_autosave.html", {"draft": draft})


@login_required
def section_presence(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    if not permissions.is_author(request.user, document):
        raise Http404
    return render(
        request,
        "documents/_presence.html",
        {
            "document": document,
            "section": section,
            "others": presence_touch(section_id=section.pk, user=_actor(request)),
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


# ---------------------------------------------------------------- structured records


def _record(section: Section, record_pk: int) -> Model:
    model = selectors.RECORD_MODELS[section.template.content]
    return get_object_or_404(model, pk=record_pk, section=section)


def _indicator_initial(record: Model | None) -> list[dict[str, Any]]:
    if not isinstance(record, Action):
        return []
    return [
        {"name": i.name, "unit": i.unit, "baseline": i.baseline, "target": i.target}
        for i in record.indicators.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(
    request: HttpRequest, pk: int, section_pk: int, record_pk: int | None = None
) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    form_class = RECORD_FORMS.get(section.template.content)
    if form_class is None:
        raise Http404
    if not _may_write(request, document):
        return redirect(section)
    record = None if record_pk is None else _record(section, record_pk)
    data = request.POST if request.method == "POST" else None
    form = form_class(
        data,
        instance=record,
        section=section,
        initial={"revision": section.revision},
    )
    indicators = None
    if form_class is ActionForm:
        indicators = IndicatorFormSet(
            data, prefix="wskazniki", initial=_indicator_initial(record) or [{}, {}]
        )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and (indicators is None or indicators.is_valid()):
            try:
                services.record_save(
                    section=section,
                    expected_revision=form.cleaned_data["revision"],
                    record=form.save(commit=False),
                    actor=_actor(request),
                    evidence=list(form.cleaned_data["evidence"])
                    if "evidence" in form.cleaned_data
                    else None,
                    indicators=[
                        services.IndicatorDraft(
                            name=row["name"],
                            unit=row["unit"],
                            baseline=row["baseline"],
                            target=row["target"],
                        )
                        for row in indicators.cleaned_data
                        if row.get("name")
                    ]
                    if indicators is not None
                    else None,
                )
            except services.StaleSection:
                status = 409
                form.add_error(
                    None,
                    _(
                        "Someone else changed this section while you were editing. "
                        "Nothing was saved; your entries are kept below. Check the "
                        "section's current content, then save again."
                    ),
                )
                fresh = request.POST.copy()
                fresh["revision"] = str(Section.objects.get(pk=section.pk).revision)
                form.data = fresh
            except PermissionDenied as denied:
                raise Http404 from denied
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Saved as a new version of the section."))
                return redirect(section)
    return render(
        request,
        "documents/record_form.html",
        {
            "document": document,
            "section": section,
            "form": form,
            "indicators": indicators,
            "record": record,
        },
        status=status,
    )


def _revision(request: HttpRequest) -> int:
    """The revision a form was opened at (-1, i.e. stale, when unreadable)."""
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else -1


@login_required
@require_POST
def record_delete(
    request: HttpRequest, pk: int, section_pk: int, record_pk: int
) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    if section.template.content not in RECORD_FORMS:
        raise Http404
    record = _record(section, record_pk)
    try:
        services.record_delete(
            section=section,
            expected_revision=_revision(request),
            record=record,
            actor=_actor(request),
        )
    except services.StaleSection:
        messages.error(
            request,
            _("Someone else changed this section meanwhile: check it and try again."),
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Removed; earlier versions of the section keep it.")
        )
    return redirect(section)


# ---------------------------------------------------------------- comments


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    section.document = document
    parent_pk = request.POST.get("parent", "")
    parent = None
    if parent_pk:
        if not parent_pk.isdigit():
            raise Http404
        parent = get_object_or_404(section.comments.all(), pk=int(parent_pk))
        form: CommentForm | ReplyForm = ReplyForm(request.POST)
    else:
        form = CommentForm(request.POST, auto_id=f"s{section.pk}_%s")
    if form.is_valid():
        try:
            services.comment_add(
                section=section,
                body=form.cleaned_data["body"],
                quote=form.cleaned_data.get("quote", ""),
                parent=parent,
                actor=_actor(request),
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except DomainError as error:
            form.add_error("body", error.message)
        else:
            messages.success(request, _("Comment added."))
            return redirect(section)
    if isinstance(form, ReplyForm):
        messages.error(request, _("A reply cannot be empty."))
        return redirect(section)
    return _page(request, document, comment_forms={section.pk: form}, status=400)


@login_required
@require_POST
def comment_state(request: HttpRequest, comment_pk: int, action: str) -> HttpResponse:
    comment = permissions.access_comment(request.user, comment_pk)
    if action not in ("rozwiaz", "otworz"):
        raise Http404
    try:
        services.comment_set_resolved(
            comment=comment, resolved=action == "rozwiaz", actor=_actor(request)
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    messages.success(
        request,
        _("Thread resolved.") if action == "rozwiaz" else _("Thread reopened."),
    )
    return redirect(comment.section)


# ---------------------------------------------------------------- versions


def _version(document: Document, number: str | int | None) -> DocumentVersion:
    try:
        return get_object_or_404(
            DocumentVersion, document=document, number=int(number or 0)
        )
    except ValueError as error:
        raise Http404 from error


@login_required
@require_http_methods(["GET", "POST"])
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_create(
                document=document, actor=_actor(request), note=form.cleaned_data["note"]
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("documents:versions", document.pk)
        messages.success(
            request, _("Saved as version %(number)s.") % {"number": version.number}
        )
        return redirect("documents:versions", document.pk)
    listed = list(selectors.versions(document=document))
    pdfs = jobs_by_version(listed)
    for item in listed:
        item.pdf = pdfs.get(item.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "documents/versions.html",
        {
            "document": document,
            "versions": listed,
            "form": form,
            "can_edit": permissions.can_edit(request.user, document),
        },
    )


@login_required
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    snapshot = _version(document, number)
    return render(
        request,
        "documents/version.html",
        {
            "document": document,
            "version": snapshot,
            "sections": selectors.published_sections(version=snapshot),
            "can_edit": permissions.can_edit(request.user, document),
        },
    )


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    older = _version(document, request.GET.get("od"))
    newer_number = request.GET.get("do", "")
    newer = (
        None if newer_number in ("", "biezaca") else _version(document, newer_number)
    )
    return render(
        request,
        "documents/compare.html",
        {
            "document": document,
            "older": older,
            "newer": newer,
            "rows": selectors.comparison(document=document, older=older, newer=newer),
            "versions": list(selectors.versions(document=document)),
        },
    )


@login_required
@require_POST
def restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    snapshot = _version(document, number)
    try:
        restored = services.document_version_restore(
            document=document, version=snapshot, actor=_actor(request)
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents:version", document.pk, snapshot.number)
    messages.success(
        request,
        _("Version %(old)s restored as version %(new)s.")
        % {"old": snapshot.number, "new": restored.number},
    )
    return redirect(document)


# ---------------------------------------------------------------- review queue


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _actor(request)
    ministry = user.has_perm(permissions.DECIDE_DOCUMENTS)
    return render(
        request,
        "documents/queue.html",
        {
            "page": page_of(
                request, selectors.review_queue(user=user, ministry=ministry)
            ),
            "ministry": ministry,
        },
    )


# ---------------------------------------------------------------- public pages


def public_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A published document as the public sees it: the published version only."""
    document = get_object_or_404(
        Document.objects.select_related(
            "network", "organisation", "published_version__created_by"
        ),
        pk=pk,
        published_version__isnull=False,
    )
    version = cast(DocumentVersion, document.published_version)
    return render(
        request,
        "documents/public_document.html",
        {
            "pdf": job_for(version),
            "document": document,
            "version": version,
            "sections": selectors.published_sections(version=version),
        },
    )


def public_network(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    return render(
        request,
        "documents/public_network.html",
        {
            "network": network,
            "documents": selectors.published_documents(network=network),
            "can_bundle": can_bundle(request.user),
        },
    )


# ---------------------------------------------------------------- templates


def _templates_access(request: HttpRequest) -> None:
    if not permissions.can_manage_templates(request.user):
        raise Http404


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    _templates_access(request)
    edition = (
        get_object_or_404(Edition, slug=request.GET.get("edycja"))
        if request.GET.get("edycja")
        else Edition.objects.order_by("-starts_on").first()
    )
    kinds = []
    if edition is not None:
        kinds = [
            (kind, services.section_templates(edition=edition, kind=kind))
            for kind in Kind
        ]
    return render(
        request,
        "documents/templates.html",
        {
            "edition": edition,
            "editions": Edition.objects.order_by("-starts_on"),
            "kinds": kinds,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_pk: int) -> HttpResponse:
    _templates_access(request)
    template = get_object_or_404(
        SectionTemplate.objects.select_related("edition"), pk=template_pk
    )
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.section_template_update(
            template=template, changes=form.cleaned_data, actor=_actor(request)
        )
        messages.success(request, _("Template saved."))
        return redirect(f"{_templates_url()}?edycja={template.edition.slug}")
    return render(
        request,
        "documents/template_form.html",
        {"form": form, "template": template, "edition": template.edition},
        status=400 if form.errors else 200,
    )


def _templates_url() -> str:
    return reverse("documents:templates")


@login_required
@require_http_methods(["GET", "POST"])
def template_add(request: HttpRequest, edition_slug: str, kind: str) -> HttpResponse:
    _templates_access(request)
    edition = get_object_or_404(Edition, slug=edition_slug)
    if kind not in Kind.values:
        raise Http404
    form = NewTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_template_add(
                edition=edition,
                kind=kind,
                values=form.cleaned_data,
                actor=_actor(request),
            )
        except DomainError as error:
            form.add_error("key", error.message)
        else:
            messages.success(request, _("Section added."))
            return redirect(f"{_templates_url()}?edycja={edition.slug}")
    return render(
        request,
        "documents/template_form.html",
        {"form": form, "edition": edition, "kind": Kind(kind)},
        status=400 if form.errors else 200,
    )
