"""The call's applications and scores as CSV and XLSX for the ministry."""

import csv
import io

from django.db.models import Avg, Count, Q
from openpyxl import Workbook

from core.spreadsheets import spreadsheet_safe
from recruitment.models import Application, Call

HEADER = [
    "application",
    "organisation",
    "voivodeship",
    "kind",
    "theme",
    "track",
    "status",
    "submitted_at",
    "evaluations",
    "average_score",
    "decision",
    "justification",
]


def application_rows(call: Call) -> list[list[str]]:
    """One row per application, with its evaluations' average (one query)."""
    rows = [HEADER]
    for application in (
        Application.objects.filter(call=call)
        .select_related("organisation", "theme__theme")
        .annotate(
            average=Avg(
                "assignments__score",
                filter=Q(assignments__submitted_at__isnull=False),
            ),
            evaluated=Count(
                "assignments", filter=Q(assignments__submitted_at__isnull=False)
            ),
        )
        .order_by("theme__theme__name_pl", "track", "organisation__name")
    ):
        rows.append(
            [
                str(application.pk),
                spreadsheet_safe(application.organisation.name),
                application.organisation.get_voivodeship_display(),
                application.organisation.kind,
                application.theme.theme.name_pl,
                application.track,
                application.status,
                application.submitted_at.isoformat()
                if application.submitted_at
                else "",
                str(application.evaluated),  # type: ignore[attr-defined]
                f"{application.average:.2f}" if application.average is not None else "",  # type: ignore[attr-defined]
                application.decision,
                spreadsheet_safe(application.justification),
            ]
        )
    return rows


def as_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def as_xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 (a new workbook has one sheet)
    sheet.title = "zgloszenia"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
