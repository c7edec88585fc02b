"""Comments on a section: adding one or a reply, resolving and reopening threads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.permissions import refused_as_missing
from documents import permissions, services
from documents.forms import CommentForm, ReplyForm
from documents.views.document import actor, document_page


@login_required
@require_POST
@refused_as_missing
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
                actor=actor(request),
            )
        except DomainError as error:
            form.add_error("body", error.message)
        else:
            messages.success(request, _("Comment added."))
            return redirect(section)
    if isinstance(form, ReplyForm):
        messages.error(request, _("A reply cannot be empty."))
        return redirect(section)
    return document_page(
        request, document, comment_forms={section.pk: form}, status=400
    )


@login_required
@require_POST
@refused_as_missing
def comment_state(request: HttpRequest, comment_pk: int, action: str) -> HttpResponse:
    comment = permissions.access_comment(request.user, comment_pk)
    if action not in ("rozwiaz", "otworz"):
        raise Http404
    services.comment_set_resolved(
        comment=comment, resolved=action == "rozwiaz", actor=actor(request)
    )
    messages.success(
        request,
        _("Thread resolved.") if action == "rozwiaz" else _("Thread reopened."),
    )
    return redirect(comment.section)
