"""The review workflow as a table: which step moves a document from which states to
which, and who takes it. Pure: the services check it, the pages show it.

    draft, changes requested --submit (responsible)--> in review
        (every required section written: permissions.step_refusal)
    in review --withdraw (responsible)--> draft
    in review --request changes / approve (expert)--> changes requested / approved
    approved, accepted --return (ministry)--> changes requested
    approved --accept (ministry)--> accepted --publish (ministry)--> published
    published --amend (responsible)--> draft (the published version stays public)
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from documents.models import State


class Actor(StrEnum):
    # MID: the city's coordinator; Sheet and Plan: the lead city's coordinator.
    RESPONSIBLE = "responsible"
    REVIEWER = "reviewer"  # the network's thematic expert
    MINISTRY = "ministry"


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise
    sources: frozenset[State]
    target: State
    actor: Actor
    needs_comment: bool = False
    snapshot: bool = False  # makes a document version of what is submitted
    # Refused while a required section is empty (permissions.step_refusal).
    needs_required_sections: bool = False
    # A step that cannot be taken back asks first (templates/_confirm.html): what
    # will happen, and the button that takes the step.
    question: Promise | None = None
    confirm: Promise | None = None


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "submit",
            _("Submit for review"),
            frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
            State.IN_REVIEW,
            Actor.RESPONSIBLE,
            snapshot=True,
            needs_required_sections=True,
        ),
        Step(
            "withdraw",
            _("Withdraw to draft"),
            frozenset({State.IN_REVIEW}),
            State.DRAFT,
            Actor.RESPONSIBLE,
        ),
        Step(
            "request_changes",
            _("Request changes"),
            frozenset({State.IN_REVIEW}),
            State.CHANGES_REQUESTED,
            Actor.REVIEWER,
            needs_comment=True,
        ),
        Step(
            "approve",
            _("Approve"),
            frozenset({State.IN_REVIEW}),
            State.APPROVED,
            Actor.REVIEWER,
        ),
        Step(
            "return",
            _("Return for changes"),
            frozenset({State.APPROVED, State.ACCEPTED}),
            State.CHANGES_REQUESTED,
            Actor.MINISTRY,
            needs_comment=True,
        ),
        Step(
            "accept",
            _("Accept"),
            frozenset({State.APPROVED}),
            State.ACCEPTED,
            Actor.MINISTRY,
            question=_(
                "Accept the document on behalf of the ministry? Its authors are told "
                "at once; only a return for changes undoes the acceptance."
            ),
            confirm=_("Yes, accept"),
        ),
        Step(
            "publish",
            _("Publish"),
            frozenset({State.ACCEPTED}),
            State.PUBLISHED,
            Actor.MINISTRY,
            question=_(
                "Publish the document? Its newest version becomes public on the "
                "portal at once and stays public, even after an amendment: this "
                "cannot be undone."
            ),
            confirm=_("Yes, publish"),
        ),
        Step(
            "amend",
            _("Start an amendment"),
            frozenset({State.PUBLISHED}),
            State.DRAFT,
            Actor.RESPONSIBLE,
        ),
    )
}


def steps_from(state: str) -> list[Step]:
    """The steps that may be taken from `state`, in the table's order."""
    return [step for step in STEPS.values() if state in step.sources]


# A MID may be started once its network's Sheet has reached one of these.
SHEET_READY_FOR_MIDS = frozenset({State.APPROVED, State.ACCEPTED, State.PUBLISHED})
