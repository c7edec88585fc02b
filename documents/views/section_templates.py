"""The section templates of each edition, for the ministry: list, change, add."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from core.permissions import require
from documents import permissions, services
from documents.forms import NewTemplateForm, TemplateForm
from documents.models import Kind, SectionTemplate
from documents.views.document import actor
from networks.models import Edition


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_templates(request.user))
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
    require(permissions.can_manage_templates(request.user))
    template = get_object_or_404(
        SectionTemplate.objects.select_related("edition"), pk=template_pk
    )
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.section_template_update(
            template=template, changes=form.cleaned_data, actor=actor(request)
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
    require(permissions.can_manage_templates(request.user))
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
                actor=actor(request),
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
