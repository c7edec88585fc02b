from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

PAGE_SIZE = 25


def page_of(
    request: HttpRequest, queryset: QuerySet[Model], *, count: int | None = None
) -> Page:
    """The requested page of a list (an unknown page number gives the last page,
    never an error). `count`: the list's length when the caller knows it."""
    paginator = Paginator(queryset, PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached property: no COUNT query
    return paginator.get_page(request.GET.get("page"))


@dataclass(frozen=True)
class UncountedPage:
    """A page of a list too long to count on every request (the audit log's million
    events): whether a next page exists is known by reading one row more."""

    object_list: list[Any]
    number: int
    more: bool

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def uncounted_page_of(request: HttpRequest, queryset: QuerySet[Any]) -> UncountedPage:
    """The requested page without a total (a bad page number gives the first)."""
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE + 1])
    return UncountedPage(rows[:PAGE_SIZE], number, len(rows) > PAGE_SIZE)
