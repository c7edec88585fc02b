"""The portal's URLs and one page that fails, for the error report test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from pim_portal.urls import urlpatterns as portal_urlpatterns


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the page failed on purpose")


urlpatterns = [path("awaria/", fails), *portal_urlpatterns]
