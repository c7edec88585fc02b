"""The document page: starting a document, reading it, taking a workflow step,
opening or closing the consultation; and the review queue."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.errors import DomainError
from core.listing import page_of
from core.permissions import refused_as_missing
from core.requests import client_ip
from documents import permissions, selectors, services
from documents.forms import CommentForm, StepForm, VersionForm
from documents.models import Document, Kind, State
from documents.page_sections import Viewer, page_sections
from documents.workflow import STEPS, steps_from
from networks.permissions import VIEW_WORKSPACE, access_network
from organisations.models import Organisation


def actor(request: HttpRequest) -> User:
    """The signed-in person (every view that calls this requires a login)."""
    return cast(User, request.user)


@login_required
@require_POST
@refused_as_missing
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
            kind=kind, network=network, organisation=organisation, actor=actor(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:workspace", network.slug)
    return redirect(document)


def document_page(
    request: HttpRequest,
    document: Document,
    *,
    step_form: StepForm | None = None,
    comment_forms: dict[int, CommentForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    offered = [
        step
        for step in steps_from(document.state)
        if permissions.can_take(user, step, document)
    ]
    # What a step waits for is shown instead of its button (the service refuses
    # it with the same reason).
    empty_sections = (
        selectors.empty_required_sections(document=document)
        if any(step.needs_required_sections for step in offered)
        else []
    )
    refusals = {
        step.name: reason
        for step in offered
        if (reason := permissions.step_refusal(step, empty_sections=empty_sections))
    }
    steps = [step for step in offered if step.name not in refusals]
    step_form = step_form or StepForm()
    step_form.needed_for([str(step.label) for step in steps if step.needs_comment])
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
            "steps": steps,
            "refusals": list(refusals.values()),
            "empty_sections": empty_sections if refusals else [],
            "step_form": step_form,
            "comment_needed": any(step.needs_comment for step in steps),
            "can_edit": viewer.can_edit,
            "can_consult": permissions.can_manage_consultation(user, document),
            "latest_version": latest,
            "version_form": VersionForm(),
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return document_page(
        request,
        permissions.access_document(
            request.user, pk, documents=selectors.page_documents()
        ),
    )


@login_required
@require_POST
@refused_as_missing
def take_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    if step not in STEPS:
        raise Http404
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.document_take_step(
                document=document,
                step_name=step,
                actor=actor(request),
                comment=form.cleaned_data["comment"],
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error("comment", error.message)
        else:
            messages.success(
                request,
                _("Done: the document is now %(state)s.")
                % {"state": State(STEPS[step].target).label},
            )
            return redirect(document)
    return document_page(request, document, step_form=form, status=400)


@login_required
@require_POST
@refused_as_missing
def consultation(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    if action not in ("otworz", "zamknij"):
        raise Http404
    services.consultation_set(
        document=document, is_open=action == "otworz", actor=actor(request)
    )
    messages.success(
        request,
        _("The consultation with the Local Partnership is open.")
        if action == "otworz"
        else _("The consultation with the Local Partnership is closed."),
    )
    return redirect(document)


# ---------------------------------------------------------------- review queue


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = actor(request)
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
