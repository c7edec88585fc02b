"""The official territorial register: GUS's TERC list of voivodeships, powiats and
gminas (the CSV file GUS publishes, semicolon-separated). The ministry uploads it
and the portal brings its gminas in line with it: a gmina new to the portal is
added, one whose name or kind the register changed is updated, matched by its
seven-digit TERYT code. Reading the file row by row, with a reason for each row
that cannot be imported, and the import itself (the one writer of this module)."""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.page_cache import new_generation
from core.slugs import polish_slug
from organisations.administration import RESERVED_SLUGS
from organisations.models import Organisation, Voivodeship
from organisations.selectors import ORGANISATIONS

# GUS's whole TERC list has some 4,300 rows and 250 kB; these limits leave room
# for growth and refuse anything far larger before it is read.
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_NAME = 200  # Organisation.name
REQUIRED = ("WOJ", "POW", "GMI", "RODZ", "NAZWA")
GUS_HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA"
# RODZ, the kind of unit, as GUS codes it. Only gminas are organisations:
# 4 (the town of an urban-rural gmina), 5 (its rural area), 8 (a district of
# Warsaw) and 9 (a delegation of a city's office) are parts of a gmina.
GMINA_KINDS = {
    "1": Organisation.Kind.URBAN_GMINA,
    "2": Organisation.Kind.RURAL_GMINA,
    "3": Organisation.Kind.URBAN_RURAL_GMINA,
}
PARTS_OF_GMINAS = {"4", "5", "8", "9"}
# A city with county rights is a powiat of its own: GUS numbers those powiats
# from 61 on, and the city is their one (urban) gmina.
FIRST_CITY_POWIAT = 61
REGISTER_KINDS = (
    Organisation.Kind.CITY_COUNTY,
    Organisation.Kind.URBAN_GMINA,
    Organisation.Kind.URBAN_RURAL_GMINA,
    Organisation.Kind.RURAL_GMINA,
)
_CODE = re.compile(r"[0-9]{1,2}")  # ASCII digits only (str.isdigit takes others)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SHOWN = 40  # of a bad value, in the error that quotes it


@dataclass(frozen=True)
class Gmina:
    """One gmina of the register, as the portal stores it."""

    teryt: str
    name: str
    kind: str
    voivodeship: str


@dataclass
class RegisterRow:
    """One gmina row of the file: what it says, and why it cannot be imported
    (no errors: it can)."""

    number: int  # as the person sees it in a spreadsheet (header = 1)
    cells: dict[str, str]  # the REQUIRED columns, as found
    gmina: Gmina | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return "".join(self.cells[column] for column in ("WOJ", "POW", "GMI", "RODZ"))


@dataclass
class RegisterFile:
    rows: list[RegisterRow]  # the gmina rows
    not_gminas: int  # voivodeships, powiats and parts of gminas: skipped

    @property
    def valid(self) -> list[RegisterRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def invalid(self) -> list[RegisterRow]:
        return [row for row in self.rows if row.errors]


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"


def _code(cells: dict[str, str], column: str, errors: list[str]) -> str | None:
    """A two-digit part of the code. A file saved again by a spreadsheet program
    loses the leading zeros ("2" for "02"): those are put back."""
    value = cells[column]
    if not _CODE.fullmatch(value) or int(value) == 0:
        errors.append(
            _("Bad code: %(column)s must be a number of two digits, not “%(value)s”.")
            % {"column": column, "value": _shown(value)}
        )
        return None
    return value.zfill(2)


def gmina_row(number: int, cells: dict[str, str]) -> RegisterRow:
    """A gmina row checked: the gmina it describes, or its errors. Run on every
    row of an uploaded file and again on each before it is imported."""
    row = RegisterRow(number, {column: cells.get(column, "") for column in REQUIRED})
    errors = row.errors
    woj = _code(row.cells, "WOJ", errors)
    if woj is not None and woj not in Voivodeship.values:
        errors.append(
            _("Unknown voivodeship: %(code)s is not the code of a voivodeship.")
            % {"code": woj}
        )
    pow_ = _code(row.cells, "POW", errors)
    gmi = _code(row.cells, "GMI", errors)
    rodz = row.cells["RODZ"]
    if rodz not in GMINA_KINDS:
        errors.append(
            _("Bad code: RODZ (the kind of unit) must be 1, 2 or 3, not “%(value)s”.")
            % {"value": _shown(rodz)}
        )
    name = " ".join(row.cells["NAZWA"].split())
    if not name:
        errors.append(_("Missing name (NAZWA)."))
    elif _CONTROL.search(name):
        errors.append(_("The name (NAZWA) contains control characters."))
    elif len(name) > MAX_NAME:
        errors.append(
            _("The name (NAZWA) is longer than %(count)s characters.")
            % {"count": MAX_NAME}
        )
    if errors or woj is None or pow_ is None or gmi is None:
        return row
    kind = GMINA_KINDS[rodz]
    if kind == Organisation.Kind.URBAN_GMINA and int(pow_) >= FIRST_CITY_POWIAT:
        kind = Organisation.Kind.CITY_COUNTY
    row.gmina = Gmina(
        teryt=f"{woj}{pow_}{gmi}{rodz}", name=name, kind=kind, voivodeship=woj
    )
    return row


def _flag_duplicates(rows: Sequence[RegisterRow]) -> None:
    """A code found in more than one row: none of those rows is imported, as the
    file does not say which of them is right."""
    numbers: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.gmina is not None:
            numbers[row.gmina.teryt].append(row.number)
    for row in rows:
        if row.gmina is None or len(numbers[row.gmina.teryt]) < 2:
            continue
        others = [n for n in numbers[row.gmina.teryt] if n != row.number]
        row.errors.append(
            ngettext(
                "Duplicate code: %(code)s is also in row %(rows)s.",
                "Duplicate code: %(code)s is also in rows %(rows)s.",
                len(others),
            )
            % {"code": row.gmina.teryt, "rows": ", ".join(map(str, others))}
        )
        row.gmina = None


def _table(upload: UploadedFile) -> list[list[str]]:
    if not (upload.name or "").lower().endswith(".csv"):
        raise ValidationError(_("Upload the TERC file as CSV, as GUS publishes it."))
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(megabytes)s MB: this is not a TERC file.")
            % {"megabytes": MAX_BYTES // (1024 * 1024)}
        )
    try:
        text = upload.read(MAX_BYTES + 1).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Save the CSV file as UTF-8 and try again.")) from error
    first_line = text.split("\n", 1)[0]
    # As GUS publishes it: semicolons. A file saved again elsewhere may have commas.
    delimiter = ";" if ";" in first_line or "," not in first_line else ","
    try:
        return [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise ValidationError(_("The file is not a readable CSV file.")) from error


def parse_register(upload: UploadedFile) -> RegisterFile:
    """Every row of the file: the gmina rows each with its errors (none when
    importable), the other rows counted. A file that is not a TERC list at all is
    refused whole (ValidationError)."""
    table = _table(upload)
    if not table:
        raise ValidationError(_("The file is empty."))
    if len(table) > MAX_ROWS + 1:
        raise ValidationError(
            _("At most %(count)s rows at a time.") % {"count": MAX_ROWS}
        )
    header = [cell.upper() for cell in table[0]]
    if not set(REQUIRED) <= set(header):
        raise ValidationError(
            _("The first row must name the columns as GUS's file does: %(header)s.")
            % {"header": GUS_HEADER}
        )
    position = {column: header.index(column) for column in REQUIRED}
    rows: list[RegisterRow] = []
    not_gminas = 0
    for number, found in enumerate(table[1:], start=2):
        if not any(found):
            continue
        cells = {
            column: found[index] if index < len(found) else ""
            for column, index in position.items()
        }
        if (not cells["GMI"] and not cells["RODZ"]) or cells["RODZ"] in (
            PARTS_OF_GMINAS
        ):
            not_gminas += 1  # a voivodeship, a powiat or a part of a gmina
            continue
        rows.append(gmina_row(number, cells))
    _flag_duplicates(rows)
    return RegisterFile(rows, not_gminas)


def checked_again(stored: Iterable[object]) -> list[Gmina]:
    """The gminas of rows kept between the preview and the confirmation (as
    {"number": …, "cells": {…}}), each checked again: nothing unchecked gets in."""
    rows = []
    for item in stored:
        if not isinstance(item, dict):
            continue
        number, cells = item.get("number"), item.get("cells")
        if isinstance(number, int) and isinstance(cells, dict):
            text = {str(key): str(value) for key, value in cells.items()}
            rows.append(gmina_row(number, text))
    _flag_duplicates(rows)
    return [row.gmina for row in rows if row.gmina is not None and not row.errors]


# What the import would do ---------------------------------------------------

COMPARED = ("name", "kind", "voivodeship", "country", "teryt")


@dataclass(frozen=True)
class Change:
    gmina: Gmina
    organisation_id: int | None  # None: a new organisation
    # field: (as the portal has it, as the register has it)
    differences: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class RegisterPlan:
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0


def _wanted(gmina: Gmina) -> dict[str, str]:
    return {
        "name": gmina.name,
        "kind": gmina.kind,
        "voivodeship": gmina.voivodeship,
        "country": "PL",
        "teryt": gmina.teryt,
    }


def register_plan(gminas: Sequence[Gmina]) -> RegisterPlan:
    """What importing these gminas would change. A gmina is matched by its TERYT
    code; an organisation added before it had one (the pilot's cities) is matched
    by its name and voivodeship, when exactly one gmina of the file and one such
    organisation have them (and, where two gminas share them, as the town and the
    rural gmina of Brzeziny do, by its kind too), and is given its code."""
    by_code = {
        row["teryt"]: row
        for row in Organisation.objects.filter(
            teryt__in=[gmina.teryt for gmina in gminas]
        ).values("pk", *COMPARED)
    }
    without_code: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for row in Organisation.objects.filter(teryt="", kind__in=REGISTER_KINDS).values(
        "pk", *COMPARED
    ):
        without_code[(str(row["name"]).lower(), str(row["voivodeship"]))].append(row)
    namesakes: dict[tuple[str, str], int] = defaultdict(int)
    for gmina in gminas:
        namesakes[(gmina.name.lower(), gmina.voivodeship)] += 1
    plan = RegisterPlan()
    for gmina in gminas:
        key = (gmina.name.lower(), gmina.voivodeship)
        found = by_code.get(gmina.teryt)
        if found is None:
            candidates = [
                row
                for row in without_code.get(key, [])
                if namesakes[key] == 1 or row["kind"] == gmina.kind
            ]
            found = candidates[0] if len(candidates) == 1 else None
            if found is not None:
                without_code[key].remove(found)  # given to one gmina only
        if found is None:
            plan.new.append(Change(gmina, None))
            continue
        wanted = _wanted(gmina)
        differences = {
            name: (str(found[name]), wanted[name])
            for name in COMPARED
            if str(found[name]) != wanted[name]
        }
        if differences:
            plan.changed.append(Change(gmina, int(str(found["pk"])), differences))
        else:
            plan.unchanged += 1
    return plan


def _slugs(gminas: Sequence[Gmina]) -> dict[str, str]:
    """A free slug for each new gmina: its name's, or with its code where the
    name's is taken (gminas share names: there are three called Dobra)."""
    base = {gmina.teryt: polish_slug(gmina.name)[:180] or "gmina" for gmina in gminas}
    taken = set(
        Organisation.objects.filter(slug__in=set(base.values())).values_list(
            "slug", flat=True
        )
    ).union(RESERVED_SLUGS)
    counts: dict[str, int] = defaultdict(int)
    for slug in base.values():
        counts[slug] += 1
    return {
        teryt: slug if slug not in taken and counts[slug] == 1 else f"{slug}-{teryt}"
        for teryt, slug in base.items()
    }


def register_import(
    *,
    gminas: Sequence[Gmina],
    errors: int,
    not_gminas: int,
    actor: User,
    ip_address: str | None,
) -> RegisterPlan:
    """Brings the portal's gminas in line with the register: adds those it does not
    have, updates the name, kind and voivodeship of those that changed (an
    organisation's address in the portal, its people and its history stay). A gmina
    the register no longer lists is left as it is. Running it again with the same
    file changes nothing. `errors` and `not_gminas` are the rows of the file that
    were not imported, for the audit log."""
    try:
        with transaction.atomic():
            plan = register_plan(gminas)
            locked = {
                organisation.pk: organisation
                for organisation in Organisation.objects.select_for_update().filter(
                    pk__in=[change.organisation_id for change in plan.changed]
                )
            }
            updated = []
            for change in plan.changed:
                organisation = locked[change.organisation_id]  # type: ignore[index]
                for name, (_before, after) in change.differences.items():
                    setattr(organisation, name, after)
                updated.append(organisation)
            Organisation.objects.bulk_update(updated, list(COMPARED))
            slugs = _slugs([change.gmina for change in plan.new])
            Organisation.objects.bulk_create(
                Organisation(slug=slugs[change.gmina.teryt], **_wanted(change.gmina))
                for change in plan.new
            )
            if plan.new or plan.changed:
                new_generation(ORGANISATIONS)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.REGISTER_IMPORTED,
                ip_address=ip_address,
                details={
                    "created": len(plan.new),
                    "updated": len(plan.changed),
                    "unchanged": plan.unchanged,
                    "errors": errors,
                    "not_gminas": not_gminas,
                },
            )
    except IntegrityError as error:  # another import added the same gmina meanwhile
        raise DomainError(
            _("The register changed while you imported: check the file again.")
        ) from error
    return plan


def differences_shown(change: Change) -> list[tuple[str, str, str]]:
    """What changes, as people read it: the field's name, and the values before
    and after (choices by their labels; an empty value as a dash)."""
    shown = []
    for name, (before, after) in change.differences.items():
        model_field = Organisation._meta.get_field(name)
        labels = dict(getattr(model_field, "choices", None) or [])
        shown.append(
            (
                str(getattr(model_field, "verbose_name", name)),
                str(labels.get(before, before)) or "—",
                str(labels.get(after, after)) or "—",
            )
        )
    return shown
