"""The programme's public pages: about, privacy and cookies, FAQ, news and the
accessibility declaration (the feeds are in feeds.py, the editors in
edit_views.py)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.listing import page_of
from programme import selectors
from programme.models import Page
from programme.permissions import can_edit_programme_pages, can_view_programme_drafts


def _single(request: HttpRequest, kind: Page.Kind) -> HttpResponse:
    version = selectors.single_page_published(kind)
    if version is None:
        raise Http404
    return render(
        request,
        "programme/page.html",
        {
            "version": version,
            "page": version.page,
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return _single(request, Page.Kind.ABOUT)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return _single(request, Page.Kind.PRIVACY)


@require_safe
def faq(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programme/faq.html",
        {
            "questions": selectors.published_of_kind(Page.Kind.FAQ),
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


@require_safe
def news(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programme/news.html",
        {
            "page": page_of(request, selectors.published_of_kind(Page.Kind.NEWS)),
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


@require_safe
def news_item(request: HttpRequest, slug: str) -> HttpResponse:
    version = selectors.news_item_published(slug)
    if version is None:
        raise Http404
    return render(
        request,
        "programme/news_item.html",
        {
            "version": version,
            "page": version.page,
            "may_edit": can_edit_programme_pages(request.user),
        },
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    declaration = selectors.declaration_published()
    if declaration is None:
        raise Http404
    return render(
        request,
        "programme/accessibility.html",
        {
            "declaration": declaration,
            "may_edit": can_edit_programme_pages(request.user),
            "may_see_versions": can_view_programme_drafts(request.user),
        },
    )
