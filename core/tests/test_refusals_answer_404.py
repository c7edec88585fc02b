"""A refusal answers exactly like a missing object: 404, never 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from core.permissions import refused_as_missing, require


def test_require_lets_an_allowed_person_through() -> None:
    # given a check that allows
    reached = []
    # when it is required, then the code after it runs
    require(True)
    reached.append("after")
    assert reached == ["after"]


def test_require_answers_a_refusal_as_missing() -> None:
    # given a check that refuses, when required, then it is a 404
    with pytest.raises(Http404):
        require(False)


def test_a_view_refused_by_its_service_answers_as_missing() -> None:
    # given a view whose service refuses the person
    @refused_as_missing
    def view(request: HttpRequest) -> HttpResponse:
        raise PermissionDenied

    # when it is called, then it is a 404 that keeps the refusal as its cause
    with pytest.raises(Http404) as answer:
        view(HttpRequest())
    assert isinstance(answer.value.__cause__, PermissionDenied)


def test_a_view_allowed_by_its_service_answers_as_usual() -> None:
    # given a view whose service accepts
    @refused_as_missing
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponse(f"document {pk}")

    # when it is called, then its own answer comes back
    response = view(HttpRequest(), pk=7)
    assert response.status_code == 200
    assert response.content == b"document 7"
    assert view.__name__ == "view"
