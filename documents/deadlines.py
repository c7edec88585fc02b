"""When each of a network's documents is due, and when one is overdue. Pure: the
ministry's overview (portal) shows them.

The portal keeps no deadline per document, so the due dates follow the programme's
calendar as DOMAIN.md states it, from the network's own dates:

- the Network Sheet is written in the network's first half-year: due six months
  after the network starts;
- each city's MID and the Improvement Plan are the network's products: due by the
  day the network ends.

A document is overdue once its due date has passed while it is still in its
authors' hands — not started, a draft, or returned with changes requested — that
is, not submitted for review (or not submitted again after a return). One waiting
for the expert or the ministry is not the authors' delay.
"""

import calendar
import datetime

from documents.models import Kind, State

SHEET_MONTHS = 6  # "written in the first half-year"

IN_AUTHORS_HANDS = frozenset({State.DRAFT, State.CHANGES_REQUESTED})


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def due_on(
    kind: str, *, network_starts_on: datetime.date, network_ends_on: datetime.date
) -> datetime.date:
    """The day a network's document of this kind is due (see the module)."""
    if kind == Kind.SHEET:
        return min(months_after(network_starts_on, SHEET_MONTHS), network_ends_on)
    return network_ends_on


def is_overdue(state: str | None, *, due: datetime.date, today: datetime.date) -> bool:
    """Whether a document in `state` (None: not started) is late on `due`."""
    return today > due and (state is None or state in IN_AUTHORS_HANDS)
