from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(request: HttpRequest, queryset: QuerySet[Model]) -> Page:
    """The requested page of a list (an unknown page number gives the last page,
    never an error)."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
