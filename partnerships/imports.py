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
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Field
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from core.spreadsheets import spreadsheet_safe
from core.uploads import XLSX, validate_upload
from partnerships.forms import MemberForm
from partnerships.models import ConsentClause, PartnershipMember, Sector

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
# Column names of older exports and hand-made files; a column may also be named as
# the export names it (the field's name in Polish or English, see _aliases).
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
# The member list's columns, as the export writes them (and the import reads them).
EXPORTED = (
    "name",
    "kind",
    "organisation_name",
    "sector",
    "role",
    "email",
    "phone",
    "joined_on",
    "left_on",
)
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


def _in_every_language(text: Any) -> set[str]:
    """A (lazily translated) text as each language of the portal writes it."""
    shown = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            shown.add(str(text).lower())
    return shown


def _column_name(key: str) -> Any:
    """A member list column's name: its field's (lazily translated) name."""
    field = PartnershipMember._meta.get_field(key)
    assert isinstance(field, Field)  # noqa: S101 (EXPORTED names fields)
    return field.verbose_name


def _aliases(key: str) -> set[str]:
    """The names a column may have: the export's (the field's name, in any language
    of the portal) and those of COLUMNS."""
    names = set(COLUMNS[key])
    if key in EXPORTED:
        names |= _in_every_language(_column_name(key))
    return names


def _choice(value: str, choices: list[tuple[str, Any]]) -> str:
    """Accepts a stored value or its label (in any language of the portal, as an
    export in either writes them), in any case."""
    wanted = value.strip().lower()
    for stored, label in choices:
        if wanted == stored.lower() or wanted in _in_every_language(label):
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
        key: next(
            (index for index, name in enumerate(header) if name in _aliases(key)), None
        )
        for key in COLUMNS
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


# A member's data export (partnerships.services.member_export) as the member reads
# it: each item named in words, each choice by its label.
MEMBER_DATA_NAMES = {
    "name": gettext_lazy("name"),
    "kind": gettext_lazy("kind"),
    "organisation": gettext_lazy("organisation"),
    "sector": gettext_lazy("sector"),
    "role": gettext_lazy("role"),
    "email": gettext_lazy("e-mail address"),
    "phone": gettext_lazy("phone"),
    "local_partnership": gettext_lazy("Local Partnership"),
    "city": gettext_lazy("city"),
    "joined_on": gettext_lazy("joined on"),
    "left_on": gettext_lazy("left on"),
    "legal_basis": gettext_lazy("legal basis"),
    "information_clause": gettext_lazy("information clause"),
    "consent_given_at": gettext_lazy("consent given"),
    "consent_withdrawn_at": gettext_lazy("consent withdrawn"),
    "meetings_attended": gettext_lazy("meetings attended"),
}
MEMBER_DATA_CHOICES: dict[str, list[tuple[str, Any]]] = {
    "kind": PartnershipMember.Kind.choices,
    "sector": Sector.choices,
    "role": PartnershipMember.Role.choices,
    "legal_basis": ConsentClause.LegalBasis.choices,
}


def member_data_shown(data: dict[str, object]) -> dict[str, object]:
    """The member's data with its items named in the reader's language and its
    choices by their labels. The names cover what the apps above add through
    signals.member_data_requested (meetings: the meetings attended); an item
    added later without a name here keeps its key."""
    shown: dict[str, object] = {}
    for key, value in data.items():
        if key in MEMBER_DATA_CHOICES and isinstance(value, str):
            value = str(dict(MEMBER_DATA_CHOICES[key]).get(value, value))
        shown[capfirst(str(MEMBER_DATA_NAMES.get(key, key)))] = value
    return shown


def member_data_csv(data: dict[str, object]) -> str:
    """A member's data export (the right of access) as field/value rows, named
    and labelled for people (member_data_shown)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # tells spreadsheet programs the file is UTF-8
    writer = csv.writer(buffer)
    writer.writerow([_("Item"), _("Value")])
    data = member_data_shown(data)
    for key, value in data.items():
        if isinstance(value, list):
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = "" if value is None else str(value)
        writer.writerow([key, spreadsheet_safe(text)])
    return buffer.getvalue()


def export_rows(members: list[PartnershipMember]) -> str:
    """The member list as CSV for people: the columns named and the choices
    written as the pages show them (in the downloader's language); the import
    reads it back as it is."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # tells spreadsheet programs the file is UTF-8
    writer = csv.writer(buffer)
    writer.writerow([capfirst(_column_name(key)) for key in EXPORTED])
    for member in members:
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in [
                    member.name,
                    member.get_kind_display(),
                    member.organisation_name,
                    member.get_sector_display(),
                    member.get_role_display(),
                    member.email,
                    member.phone,
                    member.joined_on.isoformat(),
                    member.left_on.isoformat() if member.left_on else "",
                ]
            ]
        )
    return buffer.getvalue()
