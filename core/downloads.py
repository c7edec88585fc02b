from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


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
