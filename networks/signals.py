"""What networks tells the apps above it, which it cannot import (the stack runs
networks < recruitment < documents): preparing the next edition copies their parts
of an earlier one — documents its section templates, recruitment a call as the new
edition's draft.

Each app connects its receivers in its `AppConfig.ready()`. Themes are not a part:
they belong to the programme, not to an edition, and every call of any edition
offers whichever of them it chooses.
"""

from dataclasses import dataclass

from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

# The parts of an edition that preparing the next one may copy, by name; each is
# offered (or not) by the app that owns it.
SECTION_TEMPLATES = "section_templates"
CALL_TEMPLATE = "call_template"
PREPARED_PARTS = {
    SECTION_TEMPLATES: _("the documents' section templates"),
    CALL_TEMPLATE: _("a call as the new edition's draft"),
}


@dataclass(frozen=True)
class Offer:
    """What an app can copy of the source edition for one part: the choices a
    person picks from (value, words), "" meaning "copy nothing"."""

    part: str
    choices: list[tuple[str, str]]
    initial: str = ""


# Sent with `source` (an Edition) when the form is shown; each receiver answers
# with an Offer, or None when it has nothing to copy.
edition_preparation_offered = Signal()

# Sent with `source`, `target` (the new Edition), `actor` and `chosen` (a dict of
# part name to the chosen value, "" for nothing) inside the transaction that made
# the target: a receiver that fails undoes the whole preparation.
edition_prepared = Signal()
