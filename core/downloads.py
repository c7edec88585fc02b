import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


def stored_file_response(
    stored: FieldFile, *, filename: str, content_type: str
) -> FileResponse:
    """A download of a stored upload, always as an attachment and never sniffed by
    the browser; a file missing from storage answers 404, not 500."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


R = TypeVar("R", bound=HttpResponseBase)


def no_store(response: R) -> R:
    """A download of personal data or of a draft: no cache on its way may keep a
    copy — not a proxy's, not the browser's disk on a shared computer, not its
    back button. The one way every such view says so (tests/test_downloads.py
    lists them). Files anyone may see (a published document's final PDF, a public
    material, a public calendar) are left cacheable."""
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def private_download(
    view: Callable[..., R],
) -> Callable[..., R]:
    """A view whose every answer is a private download (`no_store`)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        return no_store(view(request, *args, **kwargs))

    return wrapped
