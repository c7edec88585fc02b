from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django_filters import FilterSet

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


def filters_key(
    filterset: FilterSet,
    *,
    free_text: Collection[str] = (),
    allowed: Collection[str] | None = None,
) -> str | None:
    """What a list's filters chose, for the key of a cached part of the list: the
    validated value of each of the filterset's filters, in its own order. None —
    do not cache — when the query cannot be told apart from the ones like it by
    its validated values alone: a value that is invalid or not written the way the
    form writes it (its HTML would show the raw value), text typed into one of the
    `free_text` filters (any text is valid, so there would be no end to keys), or,
    with `allowed`, a parameter that is neither a filter nor in `allowed` (where
    the part repeats the query, as pagination links do). Anything else a visitor
    adds to the address is left out of the key, so it cannot fill the cache."""
    form = filterset.form
    data = filterset.data or {}
    if allowed is not None and set(data) - set(filterset.filters) - set(allowed):
        return None
    if not form.is_valid():
        return None
    parts = []
    for name in filterset.filters:
        value = form.cleaned_data.get(name)
        if isinstance(value, Model):
            value = value.pk
        canonical = "" if value is None else str(value)
        if canonical and name in free_text:
            return None
        if data.get(name, "") != canonical:
            return None
        parts.append(f"{name}={canonical}")
    return "&".join(parts)
