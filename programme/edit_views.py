"""The ministry's editors of the programme's pages: each save is a new version,
published or kept as a draft; a preview shows the text as the public would see it
without saving anything; every version can be viewed again."""

from dataclasses import fields
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import User
from core.errors import DomainError
from core.permissions import refused_as_missing, require
from core.requests import client_ip
from programme import selectors, services
from programme.forms import DeclarationForm, PageForm
from programme.models import DeclarationVersion, Page
from programme.permissions import (
    access_declaration_version,
    access_page,
    access_page_version,
    can_edit_programme_pages,
    can_view_programme_drafts,
)

PREVIEW, DRAFT, PUBLISH, WITHDRAW = "preview", "draft", "publish", "withdraw"


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _action(request: HttpRequest) -> str:
    """Which button was pressed; a form sent without one (Enter in a field, a
    client without buttons) is saved as a draft, never published."""
    action = request.POST.get("action", DRAFT)
    return action if action in (PREVIEW, DRAFT, PUBLISH, WITHDRAW) else DRAFT


def _saved_message(
    request: HttpRequest, *, number: int, published: bool, withdrawn: bool = False
) -> None:
    if withdrawn:
        messages.success(
            request,
            _("Version %(number)s saved: the page is withdrawn from the public.")
            % {"number": number},
        )
    elif published:
        messages.success(
            request, _("Version %(number)s saved and published.") % {"number": number}
        )
    else:
        messages.success(
            request,
            _("Version %(number)s saved as a draft: the public page is unchanged.")
            % {"number": number},
        )


@login_required
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    require(can_view_programme_drafts(request.user))
    pages = list(selectors.pages_for_editing())
    return render(
        request,
        "programme/manage.html",
        {
            "single": [
                p for p in pages if p.kind in (Page.Kind.ABOUT, Page.Kind.PRIVACY)
            ],
            "questions": [p for p in pages if p.kind == Page.Kind.FAQ],
            "news": [p for p in pages if p.kind == Page.Kind.NEWS],
            "declaration": selectors.declaration_newest(),
            "declaration_published": selectors.declaration_published(),
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


def _page_editor(
    request: HttpRequest,
    form: PageForm,
    *,
    page: Page | None,
    kind: Page.Kind,
    preview: services.PageText | None = None,
    status: int = 200,
) -> HttpResponse:
    published = selectors.published_version(page) if page else None
    return render(
        request,
        "programme/page_edit.html",
        {
            "form": form,
            "page": page,
            "heading": (
                _("New question") if kind == Page.Kind.FAQ else _("New news item")
            ),
            "newest": selectors.newest_version(page) if page else None,
            "published": published,
            # Offered only where it changes something: a public question or news.
            "may_withdraw": published is not None and kind in services.WITHDRAWABLE,
            "preview": preview,
        },
        status=status,
    )


def _text(form: PageForm) -> services.PageText:
    data = form.cleaned_data
    return services.PageText(
        title=data["title"],
        body=data["body"],
        title_en=data["title_en"],
        body_en=data["body_en"],
    )


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    page = access_page(request.user, pk, edit=True)
    if request.method == "GET":
        newest = selectors.newest_version(page)
        initial: dict[str, Any] = {"revision": newest.number if newest else 0}
        if newest:
            initial |= {
                "title": newest.title,
                "body": newest.body,
                "title_en": newest.title_en,
                "body_en": newest.body_en,
            }
        form = PageForm(initial=initial)
        return _page_editor(request, form, page=page, kind=Page.Kind(page.kind))
    form = PageForm(request.POST)
    kind = Page.Kind(page.kind)
    if not form.is_valid():
        return _page_editor(request, form, page=page, kind=kind, status=400)
    action = _action(request)
    if action == PREVIEW:
        preview = _text(form).cleaned()
        return _page_editor(request, form, page=page, kind=kind, preview=preview)
    try:
        version = services.page_version_save(
            page=page,
            text=_text(form),
            publish=action == PUBLISH,
            withdraw=action == WITHDRAW,
            expected_revision=form.cleaned_data["revision"],
            actor=_actor(request),
            ip_address=client_ip(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        stale = isinstance(error, services.StaleVersion)
        return _page_editor(
            request, form, page=page, kind=kind, status=409 if stale else 400
        )
    _saved_message(
        request,
        number=version.number,
        published=version.is_published,
        withdrawn=version.is_withdrawn,
    )
    return redirect("programme:page_versions", pk=page.pk)


def _page_create(request: HttpRequest, kind: Page.Kind) -> HttpResponse:
    require(can_edit_programme_pages(request.user))
    if request.method == "GET":
        form = PageForm(initial={"revision": 0})
        return _page_editor(request, form, page=None, kind=kind)
    form = PageForm(request.POST)
    if not form.is_valid():
        return _page_editor(request, form, page=None, kind=kind, status=400)
    action = _action(request)
    if action == PREVIEW:
        preview = _text(form).cleaned()
        return _page_editor(request, form, page=None, kind=kind, preview=preview)
    try:
        version = services.page_create(
            kind=kind,
            text=_text(form),
            publish=action == PUBLISH,
            actor=_actor(request),
            ip_address=client_ip(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _page_editor(request, form, page=None, kind=kind, status=400)
    _saved_message(request, number=version.number, published=version.is_published)
    return redirect("programme:page_versions", pk=version.page_id)


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def faq_create(request: HttpRequest) -> HttpResponse:
    return _page_create(request, Page.Kind.FAQ)


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def news_create(request: HttpRequest) -> HttpResponse:
    return _page_create(request, Page.Kind.NEWS)


@login_required
@require_safe
def page_versions(request: HttpRequest, pk: int) -> HttpResponse:
    page = access_page(request.user, pk)
    return render(
        request,
        "programme/page_versions.html",
        {
            "page": page,
            "versions": selectors.page_history(page)[:100],
            "published": selectors.published_version(page),
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


@login_required
@require_safe
def page_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = access_page(request.user, pk)
    version = access_page_version(request.user, page, number)
    return render(
        request,
        "programme/page_version.html",
        {
            "page": page,
            "version": version,
            "published": selectors.published_version(page),
        },
    )


# ------------------------------------------------------- accessibility declaration


def _declaration_editor(
    request: HttpRequest,
    form: DeclarationForm,
    *,
    preview: DeclarationVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "programme/declaration_edit.html",
        {
            "form": form,
            "newest": selectors.declaration_newest(),
            "published": selectors.declaration_published(),
            "preview": preview,
        },
        status=status,
    )


_DECLARATION_FIELDS = [one.name for one in fields(services.DeclarationText)]


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def accessibility_edit(request: HttpRequest) -> HttpResponse:
    require(can_edit_programme_pages(request.user))
    if request.method == "GET":
        newest = selectors.declaration_newest()
        initial: dict[str, Any] = {"revision": newest.number if newest else 0}
        if newest:
            initial |= {name: getattr(newest, name) for name in _DECLARATION_FIELDS}
        return _declaration_editor(request, DeclarationForm(initial=initial))
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        return _declaration_editor(request, form, status=400)
    text = services.DeclarationText(
        **{name: form.cleaned_data[name] for name in _DECLARATION_FIELDS}
    )
    action = _action(request)
    try:
        if action == PREVIEW:
            values = services.declaration_checked(text)
            preview = DeclarationVersion(number=0, **values)  # type: ignore[arg-type]
            return _declaration_editor(request, form, preview=preview)
        version = services.declaration_save(
            text=text,
            publish=action == PUBLISH,
            expected_revision=form.cleaned_data["revision"],
            actor=_actor(request),
            ip_address=client_ip(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        stale = isinstance(error, services.StaleVersion)
        return _declaration_editor(request, form, status=409 if stale else 400)
    _saved_message(request, number=version.number, published=version.is_published)
    return redirect("programme:accessibility_versions")


@login_required
@require_safe
def accessibility_versions(request: HttpRequest) -> HttpResponse:
    require(can_view_programme_drafts(request.user))
    return render(
        request,
        "programme/declaration_versions.html",
        {
            "versions": selectors.declaration_history()[:100],
            "published": selectors.declaration_published(),
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


@login_required
@require_safe
def accessibility_version(request: HttpRequest, number: int) -> HttpResponse:
    version = access_declaration_version(request.user, number)
    return render(
        request,
        "programme/declaration_version.html",
        {"declaration": version, "published": selectors.declaration_published()},
    )
