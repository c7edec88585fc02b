"""When a network's documents are due and when one is late (documents.deadlines)."""

import datetime

import pytest

from documents.deadlines import due_on, is_overdue, months_after
from documents.models import Kind, State

START = datetime.date(2026, 1, 31)
END = datetime.date(2027, 12, 31)


def test_the_network_sheet_is_due_six_months_after_the_network_starts() -> None:
    assert due_on(Kind.SHEET, network_starts_on=START, network_ends_on=END) == (
        datetime.date(2026, 7, 31)
    )


def test_a_sheet_is_never_due_after_a_short_network_ends() -> None:
    short_end = datetime.date(2026, 5, 1)
    assert due_on(Kind.SHEET, network_starts_on=START, network_ends_on=short_end) == (
        short_end
    )


@pytest.mark.parametrize("kind", [Kind.MID, Kind.PLAN])
def test_mids_and_the_plan_are_due_when_the_network_ends(kind: str) -> None:
    assert due_on(kind, network_starts_on=START, network_ends_on=END) == END


def test_months_after_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_after(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_after(datetime.date(2027, 11, 15), 3) == datetime.date(2028, 2, 15)


@pytest.mark.parametrize(
    ("state", "late"),
    [
        (None, True),  # not started
        (State.DRAFT, True),
        (State.CHANGES_REQUESTED, True),
        (State.IN_REVIEW, False),  # waiting for the expert, not the authors
        (State.APPROVED, False),
        (State.ACCEPTED, False),
        (State.PUBLISHED, False),
    ],
)
def test_a_document_is_overdue_only_while_with_its_authors_after_the_due_date(
    state: str | None, late: bool
) -> None:
    due = datetime.date(2026, 6, 30)
    assert is_overdue(state, due=due, today=datetime.date(2026, 7, 1)) is late
    # and nothing is late on its due date itself
    assert is_overdue(state, due=due, today=due) is False
