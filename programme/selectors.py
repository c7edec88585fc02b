"""Reads of the programme's pages: what the public sees (the newest published
version of each page) and what the ministry sees (every version)."""

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from programme.models import DeclarationVersion, Page, PageVersion

_DECIDED = Q(is_published=True) | Q(is_withdrawn=True)


def published_version(page: Page) -> PageVersion | None:
    """The version the public sees: the newest published one, unless a newer
    version withdrew the page."""
    decided = page.versions.filter(_DECIDED).order_by("-number").first()
    return decided if decided is not None and decided.is_published else None


def single_page_published(kind: Page.Kind) -> PageVersion | None:
    """The published text of "about" or "privacy" (None before the first one)."""
    return (
        PageVersion.objects.select_related("page")
        .filter(page__kind=kind, is_published=True)
        .order_by("-number")
        .first()
    )


def _newest_decided() -> Subquery:
    """The number of a page's newest version that published or withdrew it."""
    return Subquery(
        PageVersion.objects.filter(_DECIDED, page=OuterRef("page"))
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
        .filter(page__kind=kind, is_published=True, number=_newest_decided())
        .order_by(*order)
    )


def news_item_published(slug: str) -> PageVersion | None:
    return published_of_kind(Page.Kind.NEWS).filter(page__slug=slug).first()


def pages_for_editing() -> QuerySet[Page]:
    """Every page, each with its newest version's number and title, and whether
    the public sees it — `is_public`: True, False (withdrawn) or None (never
    published) — for the ministry's list, in one query."""
    newest = PageVersion.objects.filter(page=OuterRef("pk")).order_by("-number")
    return Page.objects.annotate(
        last_number=Max("versions__number"),
        last_title=Subquery(newest.values("title")[:1]),
        last_published=Subquery(newest.values("is_published")[:1]),
        last_withdrawn=Subquery(newest.values("is_withdrawn")[:1]),
        is_public=Subquery(newest.filter(_DECIDED).values("is_published")[:1]),
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
