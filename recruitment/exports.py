"""The call's applications and scores as CSV and XLSX for the ministry."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.models import User
from core.spreadsheets import spreadsheet_safe
from recruitment import permissions, selectors
from recruitment.models import Application, Call


def header() -> list[str]:
    """The columns' names, in the language of the person downloading (Polish by
    default): a spreadsheet is read by people, like a page."""
    return [
        _("Application no."),
        _("Organisation"),
        _("Voivodeship"),
        _("Kind of organisation"),
        _("Theme"),
        _("Track"),
        _("Status"),
        _("Submitted"),
        _("Evaluations"),
        _("Average score"),
        _("Decision"),
        _("Justification"),
    ]


def application_rows(call: Call, *, viewer: User) -> list[list[str]]:
    """One row per application, with its evaluations' average (two queries
    whatever the number of rows); an application the viewer is still evaluating
    says so instead of its average. Choices are shown by their labels, as on the
    pages."""
    applications = list(
        selectors.with_evaluation_figures(
            Application.objects.filter(call=call).select_related(
                "organisation", "theme__theme"
            )
        ).order_by("theme__theme__name_pl", "track", "organisation__name")
    )
    hidden = permissions.scores_hidden_among(viewer, [a.pk for a in applications])
    rows = [header()]
    for application in applications:
        average = application.average  # type: ignore[attr-defined]
        rows.append(
            [
                str(application.pk),
                spreadsheet_safe(application.organisation.name),
                application.organisation.get_voivodeship_display(),
                application.organisation.get_kind_display(),
                application.theme.theme.name_pl,
                application.get_track_display(),
                application.get_status_display(),
                timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
                if application.submitted_at
                else "",
                str(application.evaluated),  # type: ignore[attr-defined]
                _("hidden until you submit your evaluation")
                if application.pk in hidden
                else (f"{average:.2f}" if average is not None else ""),
                application.get_decision_display() if application.decision else "",
                spreadsheet_safe(application.justification),
            ]
        )
    return rows


def as_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    # The byte-order mark tells spreadsheet programs the file is UTF-8 (without
    # it Excel reads the Polish headers and names as Windows-1250).
    buffer.write("\ufeff")
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
