"""Reads of the programme's pages: what the public sees (the newest published
version of each page) and what the ministry sees (every version)."""

from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery

from programme.models import DeclarationVersion, Page, PageVersion


def published_version(page: Page) -> PageVersion | None:
    return page.versions.filter(is_published=True).order_by("-number").first()


def single_page_published(kind: Page.Kind) -> PageVersion | None:
    """The published text of "about" or "privacy" (None before the first one)."""
    return (
        PageVersion.objects.select_related("page")
        .filter(page__kind=kind, is_published=True)
        .order_by("-number")
        .first()
    )


def _newest_published() -> Subquery:
    return Subquery(
        PageVersion.objects.filter(page=OuterRef("page"), is_published=True)
        .order_by("-number")
        .values("number")[:1]
    )


def published_of_kind(kind: Page.Kind) -> QuerySet[PageVersion]:
    """The published text of every FAQ question or news item (one per page, the
    newest published): questions in the order they were added, news newest first."""
    order = ["-page__published_at", "-page_id"]
    if kind == Page.Kind.FAQ:
        order = ["page__created_at", "page_id"]
    return (
        PageVersion.objects.select_related("page")
        .filter(page__kind=kind, is_published=True, number=_newest_published())
        .order_by(*order)
    )


def news_item_published(slug: str) -> PageVersion | None:
    return published_of_kind(Page.Kind.NEWS).filter(page__slug=slug).first()


def pages_for_editing() -> QuerySet[Page]:
    """Every page, each with its newest version's number and whether one of its
    versions is published (for the ministry's list, in one query)."""
    newest = PageVersion.objects.filter(page=OuterRef("pk")).order_by("-number")
    return Page.objects.annotate(
        last_number=Max("versions__number"),
        last_title=Subquery(newest.values("title")[:1]),
        last_published=Subquery(newest.values("is_published")[:1]),
        any_published=Exists(
            PageVersion.objects.filter(page=OuterRef("pk"), is_published=True)
        ),
    ).order_by("kind", "-published_at", "created_at", "pk")


def page_history(page: Page) -> QuerySet[PageVersion]:
    return page.versions.select_related("author").order_by("-number")


def newest_version(page: Page) -> PageVersion | None:
    return page.versions.order_by("-number").first()


def declaration_published() -> DeclarationVersion | None:
    return (
        DeclarationVersion.objects.filter(is_published=True).order_by("-number").first()
    )


def declaration_newest() -> DeclarationVersion | None:
    return DeclarationVersion.objects.order_by("-number").first()


def declaration_history() -> QuerySet[DeclarationVersion]:
    return DeclarationVersion.objects.select_related("author").order_by("-number")
