"""The ministry's pages for the programme's editions and themes: its staff see
them, its admin adds and changes them and prepares the next edition."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from core.errors import DomainError
from core.permissions import require
from core.requests import client_ip
from networks.editions import (
    edition_by_slug,
    edition_create,
    edition_prepare,
    edition_update,
    editions_listed,
    preparation_offers,
    theme_by_slug,
    theme_create,
    theme_update,
    themes_listed,
)
from networks.forms import EditionForm, EditionPrepareForm, ThemeForm
from networks.models import Edition, Theme
from networks.permissions import (
    can_manage_editions,
    can_manage_themes,
    can_view_editions,
)
from networks.signals import CALL_TEMPLATE


def _edition(slug: str) -> Edition:
    edition = edition_by_slug(slug)
    if edition is None:
        raise Http404
    return edition


def _theme(slug: str) -> Theme:
    theme = theme_by_slug(slug)
    if theme is None:
        raise Http404
    return theme


@login_required
@require_GET
def editions(request: HttpRequest) -> HttpResponse:
    require(can_view_editions(request.user))
    return render(
        request,
        "networks/editions.html",
        {
            "editions": editions_listed(),
            "manage": can_manage_editions(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edition_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_editions(request.user))
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = edition_create(
                draft=form.draft(),
                actor=cast(User, request.user),
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Edition “%(name)s” added.") % {"name": edition.display_name},
            )
            return redirect("networks:editions")
    return render(
        request,
        "networks/edition_form.html",
        {"form": form, "edition": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require(can_manage_editions(request.user))
    edition = _edition(slug)
    initial = {
        "name": edition.name,
        "name_en": edition.name_en,
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "is_current": edition.is_current,
    }
    form = EditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edition = edition_update(
                edition=edition,
                draft=form.draft(),
                actor=cast(User, request.user),
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Edition “%(name)s” saved.") % {"name": edition.display_name},
            )
            return redirect("networks:editions")
    return render(
        request,
        "networks/edition_form.html",
        {"form": form, "edition": edition},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edition_prepare_view(request: HttpRequest, slug: str) -> HttpResponse:
    require(can_manage_editions(request.user))
    source = _edition(slug)
    form = EditionPrepareForm(
        request.POST or None, offers=preparation_offers(source=source)
    )
    if request.method == "POST" and form.is_valid():
        try:
            edition = edition_prepare(
                source=source,
                draft=form.draft(),
                chosen=form.chosen(),
                actor=cast(User, request.user),
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            names = {"name": edition.display_name, "source": source.display_name}
            if form.chosen().get(CALL_TEMPLATE):
                done = _(
                    "Edition “%(name)s” prepared from “%(source)s”. The call was "
                    "copied as an unpublished draft: check its dates, then publish "
                    "it."
                )
            else:
                done = _("Edition “%(name)s” prepared from “%(source)s”.")
            messages.success(request, done % names)
            return redirect("networks:editions")
    return render(
        request,
        "networks/edition_prepare.html",
        {"form": form, "source": source},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def themes(request: HttpRequest) -> HttpResponse:
    require(can_view_editions(request.user))
    return render(
        request,
        "networks/themes.html",
        {"themes": themes_listed(), "manage": can_manage_themes(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_themes(request.user))
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_create(
                draft=form.draft(),
                actor=cast(User, request.user),
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Theme “%(name)s” added.") % {"name": theme.name}
            )
            return redirect("networks:themes")
    return render(
        request,
        "networks/theme_form.html",
        {"form": form, "theme": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require(can_manage_themes(request.user))
    theme = _theme(slug)
    initial = {
        "name_pl": theme.name_pl,
        "name_en": theme.name_en,
        "description": theme.description,
    }
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_update(
                theme=theme,
                draft=form.draft(),
                actor=cast(User, request.user),
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Theme “%(name)s” saved.") % {"name": theme.name}
            )
            return redirect("networks:themes")
    return render(
        request,
        "networks/theme_form.html",
        {"form": form, "theme": theme},
        status=400 if form.errors else 200,
    )
