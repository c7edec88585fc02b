"""A network's life as a table, and what the ministry may change in it when. Pure:
the services check it, the pages show it.

    planned --activate (first day)--> active --close (last day)--> closed

A closed network stays closed: its members, its lead and its dates are the record
of what happened. (A planned network that never starts is not closed: it has no
life to record; it stays planned.) While a network is planned or active, the
ministry adds members (partners or observers), ends a member's part and hands the
lead to another partner city. The lead city's part ends only once it has handed
the lead on. A member's last day (`valid_to`) is a day it was still a member; a
hand-over on day D ends both cities' old roles on D - 1 and starts the new ones
on D.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from networks.models import Network, NetworkMembership
from organisations.models import Organisation

Status = Network.Status
Role = NetworkMembership.Role


@dataclass(frozen=True)
class StatusStep:
    source: Status
    target: Status
    date_field: str  # the network's date the step sets: `starts_on` or `ends_on`
    label: Promise  # the button
    date_label: Promise  # the date field
    question: Promise  # what the confirmation asks (the step cannot be undone)
    confirm: Promise  # the button that takes the step


STATUS_STEPS: dict[str, StatusStep] = {
    step.source: step
    for step in (
        StatusStep(
            Status.PLANNED,
            Status.ACTIVE,
            "starts_on",
            _("Activate the network"),
            _("First day of the network's work"),
            _(
                "Activate the network? It becomes active from the day given; it "
                "cannot go back to planned."
            ),
            _("Yes, activate"),
        ),
        StatusStep(
            Status.ACTIVE,
            Status.CLOSED,
            "ends_on",
            _("Close the network"),
            _("Last day of the network's work"),
            _(
                "Close the network? Its members, lead and dates become the record of "
                "what happened: a closed network cannot be reopened nor its members "
                "changed."
            ),
            _("Yes, close the network"),
        ),
    )
}

# The roles a city may be given when it is added (the lead comes from a call or a
# hand-over).
ADDABLE_ROLES = (Role.PARTNER, Role.OBSERVER)
# The roles that take full part: write a MID, form a Local Partnership. An observer
# follows the network's work in its workspace and writes nothing of its own.
WRITING_ROLES = (Role.LEAD, Role.PARTNER)
# Organisations that run or advise the programme, never members of a network.
NEVER_MEMBERS = (Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY)


def status_step(status: str) -> StatusStep | None:
    """The one step a network in `status` may take next (None: closed)."""
    return STATUS_STEPS.get(status)


def changes_refusal(network: Network) -> Promise | None:
    """Why the network's members and lead no longer change, or None: they may."""
    if network.status == Status.CLOSED:
        return _("The network is closed: its members and lead no longer change.")
    return None


def status_date_refusal(
    step: StatusStep, network: Network, on: datetime.date, today: datetime.date
) -> Promise | None:
    """Why `on` cannot be the date the step sets, or None: it can. The step takes
    effect now, so its day is today or earlier; the network's dates stay in order."""
    if on > today:
        return _("The date cannot be in the future.")
    if step.date_field == "starts_on" and on > network.ends_on:
        return _("The first day cannot be after the network's last day.")
    if step.date_field == "ends_on" and on < network.starts_on:
        return _("The last day cannot be before the network's first day.")
    return None


def end_refusal(membership: NetworkMembership) -> Promise | None:
    """Why this member's part cannot be ended, or None: it can."""
    if membership.valid_to is not None:
        return _("This membership has already ended.")
    if membership.role == Role.LEAD:
        return _(
            "The lead city's membership ends only after it hands the lead to "
            "another member city."
        )
    return None


def lead_refusal(membership: NetworkMembership) -> Promise | None:
    """Why this current member cannot take the lead, or None: it can."""
    if membership.role != Role.PARTNER or membership.valid_to is not None:
        return _("Only a current partner city takes over the lead.")
    if not membership.organisation.is_polish:
        return _("A foreign partner city does not lead a network.")
    if not membership.organisation.is_active:
        return _("A deactivated organisation does not lead a network.")
    return None
