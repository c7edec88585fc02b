from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from accounts.models import User
from core.downloads import no_store, stored_file_response
from core.errors import DomainError
from core.listing import page_of
from materials.filters import MaterialFilter
from materials.forms import MaterialForm, VersionForm
from materials.models import Material, MaterialVersion
from materials.permissions import (
    ADD_VERSION,
    access_library,
    access_material,
    can_add_version,
    can_manage_programme_materials,
    networks_open_to,
)
from materials.selectors import materials_for_listing, versions_of_material
from materials.services import (
    material_create,
    material_version_add,
    material_visibilities,
)


@require_safe
def material_list(request: HttpRequest) -> HttpResponse:
    filterset = MaterialFilter(
        request.GET,
        queryset=materials_for_listing(user=request.user),
        request=request,
    )
    page = page_of(request, filterset.qs)
    return render(
        request,
        "materials/material_list.html",
        {
            "filter": filterset,
            "page": page,
            "may_add_programme_material": can_manage_programme_materials(request.user),
            "libraries": networks_open_to(request.user).order_by("name_pl"),
        },
    )


def _detail(
    request: HttpRequest, material: Material, form: VersionForm | None
) -> HttpResponse:
    may_add_version = can_add_version(request.user, material)
    return render(
        request,
        "materials/material_detail.html",
        {
            "material": material,
            "versions": versions_of_material(material=material),
            "may_add_version": may_add_version,
            "form": form or (VersionForm() if may_add_version else None),
        },
    )


@require_safe
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access_material(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def material_create_page(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    network = access_library(actor, network_slug=request.GET.get("siec", ""))
    posted = request.method == "POST"
    form = MaterialForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        visibilities=material_visibilities(network),
    )
    if posted and form.is_valid():
        try:
            material = material_create(
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                language=Material.Language(form.cleaned_data["language"]),
                visibility=Material.Visibility(form.cleaned_data["visibility"]),
                network=network,
                upload=form.cleaned_data["file"],
                actor=actor,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Material added."))
            return redirect(material)
    return render(
        request, "materials/material_form.html", {"form": form, "network": network}
    )


@login_required
@require_POST
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    material = access_material(actor, pk, permission=ADD_VERSION)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = material_version_add(
                material=material, upload=form.cleaned_data["file"], actor=actor
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s uploaded.") % {"number": version.number},
            )
            return redirect(material)
    return _detail(request, material, form)


@require_safe
def download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    material = access_material(request.user, pk)
    version = get_object_or_404(MaterialVersion, material=material, number=number)
    response = stored_file_response(
        version.file, filename=version.original_name, content_type=version.mime_type
    )
    if material.visibility == Material.Visibility.PUBLIC:
        patch_cache_control(response, private=True)
        return response
    return no_store(response)
