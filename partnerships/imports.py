"""LP members in and out of spreadsheets: reading a list from a CSV or XLSX file,
row by row, with the same checks as the form a coordinator fills in; writing the
member list (same columns) and one member's data export."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.spreadsheets import spreadsheet_safe
from core.uploads import XLSX, validate_upload
from partnerships.forms import MemberForm
from partnerships.models import PartnershipMember, Sector

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
# Column names as the export writes them, and their Polish equivalents.
COLUMNS = {
    "name": ("name", "imie_i_nazwisko", "nazwa"),
    "kind": ("kind", "rodzaj"),
    "organisation_name": ("organisation", "organizacja"),
    "sector": ("sector", "sektor"),
    "role": ("role", "rola"),
    "email": ("email", "e-mail"),
    "phone": ("phone", "telefon"),
    "joined_on": ("joined_on", "data_dolaczenia"),
    "consent": ("consent", "zgoda"),
}
YES = {"yes", "tak", "true", "1", "x"}
# An XLSX is a zip archive: a few kilobytes can unpack to gigabytes (a "zip bomb")
# that openpyxl would decompress into memory. A real member list of MAX_ROWS rows
# unpacks to a few megabytes, and spreadsheet XML compresses about 5-20 times, so
# an archive larger or more compressed than this is refused before it is read.
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_XLSX_COMPRESSION_RATIO = 100
_CHUNK = 1024 * 1024


@dataclass
class ImportRow:
    number: int  # as the person sees it in their spreadsheet (header = 1)
    data: dict[str, Any]
    errors: list[str] = field(default_factory=list)


def _choice(value: str, choices: list[tuple[str, Any]]) -> str:
    """Accepts a stored value or its label, in any case."""
    wanted = value.strip().lower()
    for stored, label in choices:
        if wanted in (stored.lower(), str(label).lower()):
            return stored
    return value


def _refused_xml(error: BaseException | None) -> bool:
    """Whether defusedxml refused the XML, wherever openpyxl wrapped its error."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False


def _refuse_zip_bomb(upload: UploadedFile) -> None:
    """Refuses an XLSX that unpacks to more than MAX_XLSX_UNPACKED_BYTES or more
    than MAX_XLSX_COMPRESSION_RATIO times its size. The sizes the archive declares
    are checked first; then the parts are unpacked in chunks and counted, as a
    forged archive may declare less than it holds."""
    refused = ValidationError(
        _(
            "The XLSX file unpacks to more than %(megabytes)s MB or is compressed "
            "more than %(ratio)s times, which is refused for safety. Save it again "
            "from a spreadsheet program, or as CSV."
        )
        % {
            "megabytes": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024),
            "ratio": MAX_XLSX_COMPRESSION_RATIO,
        }
    )
    size = max(upload.size or 0, 1)
    limit = min(MAX_XLSX_UNPACKED_BYTES, size * MAX_XLSX_COMPRESSION_RATIO)
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
            if sum(part.file_size for part in parts) > limit:
                raise refused
            unpacked = 0
            for part in parts:
                with archive.open(part) as stream:
                    while chunk := stream.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            raise refused
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ValidationError(_("The XLSX file is damaged.")) from error
    finally:
        upload.seek(0)


def _rows_from(upload: UploadedFile) -> list[list[str]]:
    name = (upload.name or "").lower()
    if name.endswith(".xlsx"):
        validate_upload(upload, kinds=(XLSX,), max_bytes=MAX_BYTES)
        _refuse_zip_bomb(upload)
        # openpyxl parses through defusedxml (a dependency for this reason):
        # entity declarations — an "XML bomb", an external entity reading a file
        # of the server — are refused before any is expanded. The sheet itself is
        # parsed while its rows are read, so the reading is inside the `try` too.
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            return [
                ["" if cell is None else str(cell).strip() for cell in row]
                for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
            ]
        except (
            OSError,
            KeyError,
            ValueError,  # DefusedXmlException is one; openpyxl wraps them in one
            IndexError,
            ParseError,
            zipfile.BadZipFile,
        ) as error:
            if _refused_xml(error):
                raise ValidationError(
                    _(
                        "The XLSX file contains XML entity declarations, which "
                        "are refused for safety. Save it again from a spreadsheet "
                        "program, or as CSV."
                    )
                ) from error
            raise ValidationError(_("The XLSX file is damaged.")) from error
    if not name.endswith(".csv"):
        raise ValidationError(_("Upload a CSV or XLSX file."))
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Save the CSV file as UTF-8 and try again.")) from error
    try:
        dialect: Any = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to tell by: plain commas
        dialect = csv.excel
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)
    ]


def parse_members(upload: UploadedFile) -> list[ImportRow]:
    """Every data row of the file, each with its errors (none when importable)."""
    table = _rows_from(upload)
    if not table:
        raise ValidationError(_("The file is empty."))
    if len(table) > MAX_ROWS + 1:
        raise ValidationError(
            _("At most %(count)s rows at a time.") % {"count": MAX_ROWS}
        )
    header = [cell.strip().lower() for cell in table[0]]
    positions = {
        key: next((header.index(alias) for alias in aliases if alias in header), None)
        for key, aliases in COLUMNS.items()
    }
    if positions["name"] is None or positions["sector"] is None:
        raise ValidationError(
            _("The first row must name the columns, at least: name, sector.")
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        data = {
            key: (cells[index] if index is not None and index < len(cells) else "")
            for key, index in positions.items()
        }
        data["kind"] = _choice(data["kind"] or "person", PartnershipMember.Kind.choices)
        data["sector"] = _choice(data["sector"], Sector.choices)
        data["role"] = _choice(data["role"] or "member", PartnershipMember.Role.choices)
        data["consent"] = "on" if data["consent"].strip().lower() in YES else ""
        form = MemberForm(data)
        row = ImportRow(number, data)
        if not form.is_valid():
            row.errors = [
                f"{form.fields[key].label if key in form.fields else key}: {message}"
                for key, messages in form.errors.items()
                for message in messages
            ]
        rows.append(row)
    return rows


def member_data_csv(data: dict[str, object]) -> str:
    """A member's data export (the right of access) as field/value rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["field", "value"])
    for key, value in data.items():
        if isinstance(value, list):
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = "" if value is None else str(value)
        writer.writerow([key, spreadsheet_safe(text)])
    return buffer.getvalue()


def export_rows(members: list[PartnershipMember]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "name",
            "kind",
            "organisation",
            "sector",
            "role",
            "email",
            "phone",
            "joined_on",
            "left_on",
        ]
    )
    for member in members:
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in [
                    member.name,
                    member.kind,
                    member.organisation_name,
                    member.sector,
                    member.role,
                    member.email,
                    member.phone,
                    member.joined_on.isoformat(),
                    member.left_on.isoformat() if member.left_on else "",
                ]
            ]
        )
    return buffer.getvalue()
