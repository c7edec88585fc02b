"""Member import and export: a damaged file or an XLSX that abuses XML (openpyxl
reads it through defusedxml) is refused with a message, never a 500, and exported
cells never run as spreadsheet formulas."""

import io
import time
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from partnerships.imports import export_rows, parse_members
from partnerships.tests.builders import add_members
from tests.support.world import World

BILLION_LAUGHS = (
    '<?xml version="1.0"?>'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
)


def xlsx_with(part: str, prologue: str, entity: str) -> SimpleUploadedFile:
    """A valid member list whose `part` starts with `prologue` and uses `entity`
    in its first text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "sector"])
    sheet.append(["Anna Nowak", "resident"])
    plain = io.BytesIO()
    book.save(plain)
    hostile = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                text = data.decode()
                body = (
                    text[text.index("?>") + 2 :] if text.startswith("<?xml") else text
                )
                body = body.replace("Anna Nowak", entity, 1).replace(
                    "<t>name</t>", f"<t>{entity}</t>", 1
                )
                data = (prologue + body).encode()
            target.writestr(item, data)
    return SimpleUploadedFile(
        "czlonkowie.xlsx",
        hostile.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_openpyxl_parses_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
@pytest.mark.parametrize(
    ("prologue", "entity"),
    [(BILLION_LAUGHS, "&lol9;"), (EXTERNAL_ENTITY, "&xxe;")],
    ids=["xml bomb", "external entity"],
)
def test_an_xlsx_with_xml_entities_is_refused_with_a_message(
    part: str, prologue: str, entity: str
) -> None:
    upload = xlsx_with(part, prologue, entity)
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        parse_members(upload)
    assert "XML" in refused.value.messages[0]
    assert time.monotonic() - started < 5  # refused, not expanded


def xlsx_padded(megabytes: int) -> SimpleUploadedFile:
    """A valid member list whose sheet is padded with `megabytes` of spaces after
    its root element (openpyxl writes its strings inline, so the sheet is where a
    bomb's text would be): a few kilobytes zipped."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "sector"])
    sheet.append(["Anna Nowak", "resident"])
    plain = io.BytesIO()
    book.save(plain)
    padded = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data += b" " * (megabytes * 1024 * 1024)
            target.writestr(item, data)
    return SimpleUploadedFile(
        "czlonkowie.xlsx",
        padded.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.mark.parametrize("megabytes", [2, 60], ids=["over 100:1", "over 50 MB"])
def test_an_xlsx_that_unpacks_to_much_more_than_its_size_is_refused(
    megabytes: int,
) -> None:
    # given a valid workbook of a few kilobytes that unpacks to megabytes
    upload = xlsx_padded(megabytes)
    assert (upload.size or 0) < 200 * 1024
    # when it is imported, then it is refused, with a message, before it is read
    with pytest.raises(ValidationError) as refused:
        parse_members(upload)
    assert "50 MB" in refused.value.messages[0]


def test_an_ordinary_xlsx_is_still_read() -> None:
    rows = parse_members(xlsx_padded(0))
    assert [row.data["name"] for row in rows] == ["Anna Nowak"]


def test_a_one_column_csv_is_read_not_a_server_error() -> None:
    upload = SimpleUploadedFile("lista.csv", b"name\nJan\n")
    with pytest.raises(ValidationError):  # says which columns are missing
        parse_members(upload)


def test_a_damaged_xlsx_is_refused_with_a_message() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "not a workbook")
    upload = SimpleUploadedFile("lista.xlsx", buffer.getvalue())
    with pytest.raises(ValidationError):
        parse_members(upload)


@pytest.mark.django_db
def test_exported_cells_never_run_as_spreadsheet_formulas(world: World) -> None:
    member = add_members(world, 1)[0]
    member.name = '=HYPERLINK("http://zly.example")'
    assert "'=HYPERLINK" in export_rows([member])
