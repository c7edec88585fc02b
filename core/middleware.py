from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def polish_unless_chosen(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Polish is the portal's language for everyone who has not picked English with
    the language switch (a cookie): the browser's Accept-Language is not consulted,
    as on other Polish public-administration portals."""

    def middleware(request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
