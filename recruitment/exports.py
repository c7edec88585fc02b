"""The call's applications and scores as CSV and XLSX for the ministry."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.models import User
from core.spreadsheets import spreadsheet_safe
from recruitment import permissions, selectors
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


def application_rows(call: Call, *, viewer: User) -> list[list[str]]:
    """One row per application, with its evaluations' average (two queries
    whatever the number of rows); an application the viewer is still evaluating
    says so instead of its average."""
    applications = list(
        selectors.with_evaluation_figures(
            Application.objects.filter(call=call).select_related(
                "organisation", "theme__theme"
            )
        ).order_by("theme__theme__name_pl", "track", "organisation__name")
    )
    hidden = permissions.scores_hidden_among(viewer, [a.pk for a in applications])
    rows = [HEADER]
    for application in applications:
        average = application.average  # type: ignore[attr-defined]
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
                _("hidden until you submit your evaluation")
                if application.pk in hidden
                else (f"{average:.2f}" if average is not None else ""),
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
