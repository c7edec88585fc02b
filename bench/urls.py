"""The portal's URLs plus the benchmark's reference: a bare Django view behind the
same middleware, returning a short text."""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from pim_portal.urls import urlpatterns as portal_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def count_queries(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Outermost middleware: the number of SQL statements the response cost."""

    def middleware(request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute: Any, *args: Any) -> Any:
            nonlocal count
            count += 1
            return execute(*args)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Queries"] = str(count)
        return response

    return middleware


urlpatterns = [path("bench/bare", bare), *portal_urlpatterns]
