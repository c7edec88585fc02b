"""The ministry's pages for the organisations themselves: add one, change one,
deactivate or reactivate one; and an organisation's logo as an image."""

from pathlib import PurePosixPath
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.downloads import stored_file_response
from core.errors import DomainError
from core.permissions import require
from core.requests import client_ip
from core.uploads import IMAGES
from organisations import administration
from organisations.forms import OrganisationForm, organisation_initial
from organisations.models import Organisation
from organisations.permissions import (
    access_managed_organisation,
    can_manage_organisations,
)

LOGO_TYPES = {ext: kind.mime for kind in IMAGES for ext in kind.extensions}


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    require(can_manage_organisations(actor))
    form = OrganisationForm(
        request.POST or None, request.FILES or None, initial={"country": "PL"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = administration.organisation_create(
                values=form.values(),
                logo=form.cleaned_data["logo"],
                actor=actor,
                ip_address=client_ip(request),
            )
        except administration.OrganisationRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Organisation added: %(name)s.") % {"name": organisation.name},
            )
            return redirect(organisation.get_absolute_url())
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_managed_organisation(actor, slug)
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        initial=organisation_initial(organisation),
        has_logo=bool(organisation.logo),
    )
    if request.method == "POST" and form.is_valid():
        try:
            administration.organisation_update(
                organisation=organisation,
                values=form.values(),
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data.get("remove_logo", False),
                actor=actor,
                ip_address=client_ip(request),
            )
        except administration.OrganisationRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(organisation.get_absolute_url())
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_POST
def organisation_deactivate(request: HttpRequest, slug: str) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_managed_organisation(actor, slug)
    try:
        administration.organisation_deactivate(
            organisation=organisation, actor=actor, ip_address=client_ip(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Organisation deactivated."))
    return redirect(organisation.get_absolute_url())


@login_required
@require_POST
def organisation_reactivate(request: HttpRequest, slug: str) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_managed_organisation(actor, slug)
    administration.organisation_reactivate(
        organisation=organisation, actor=actor, ip_address=client_ip(request)
    )
    messages.success(request, _("Organisation reactivated."))
    return redirect(organisation.get_absolute_url())


@require_GET
def organisation_logo(request: HttpRequest, slug: str, name: str) -> FileResponse:
    """The organisation's current logo, public like its page. Its address names
    the stored file (a random name), so a new logo has a new address and the old
    one may be kept by caches for good."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not organisation.logo:
        raise Http404
    stored = PurePosixPath(organisation.logo.name or "")
    extension = stored.suffix.lstrip(".")
    if stored.name != name or extension not in LOGO_TYPES:
        raise Http404
    response = stored_file_response(
        organisation.logo,
        filename=f"logo-{organisation.slug}.{extension}",
        content_type=LOGO_TYPES[extension],
    )
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    return response
