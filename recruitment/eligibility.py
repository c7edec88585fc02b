"""Who may apply to a call and what a network must be made of, in words: the call
pages state the rules as sentences, never as the codes they are stored as."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.models import Organisation
from recruitment.models import Call, Track


@dataclass(frozen=True)
class CallRules:
    kinds: str  # the kinds of organisation that may apply
    tracks: str  # how a city applies (theme, lead or partner)
    composition: str  # what each network is made of
    one_network: str  # "" when a city may be in several networks of the edition


def kinds_in_words(call: Call) -> str:
    """ "Cities with county rights, urban municipalities" — or every kind."""
    labels = dict(Organisation.Kind.choices)
    kinds = [str(labels[code]) for code in call.eligible_kinds if code in labels]
    if not kinds:
        return _("organisations of every kind, except the ministry")
    return ", ".join(kinds)


def partners_in_words(call: Call) -> str:
    low, high = call.min_partners, call.max_partners
    if low == high:
        return ngettext(
            "exactly %(count)s partner city",
            "exactly %(count)s partner cities",
            high,
        ) % {"count": high}
    return ngettext(
        "from %(low)s to %(high)s partner city",
        "from %(low)s to %(high)s partner cities",
        high,
    ) % {"low": low, "high": high}


def call_rules(call: Call) -> CallRules:
    composition = _("one lead city and %(partners)s") % {
        "partners": partners_in_words(call)
    }
    if call.min_voivodeships > 1:
        composition = ngettext(
            "%(members)s, from at least %(count)s voivodeship (a city abroad does "
            "not add one)",
            "%(members)s, from at least %(count)s voivodeships (a city abroad does "
            "not add one)",
            call.min_voivodeships,
        ) % {"members": composition, "count": call.min_voivodeships}
    tracks = _(
        "A city applies for one theme at a time, as the network's %(lead)s or as a "
        "%(partner)s."
    ) % {"lead": Track.LEAD.label, "partner": Track.PARTNER.label}
    return CallRules(
        kinds=kinds_in_words(call),
        tracks=tracks,
        composition=composition,
        one_network=(
            _("A city joins one network of the edition at most.")
            if call.one_network_per_city
            else ""
        ),
    )
