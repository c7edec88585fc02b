"""recruitment's part in preparing the next edition: networks, below recruitment
in the stack, asks what can be copied and announces the preparation
(networks/signals.py); recruitment offers the earlier edition's calls and copies
the chosen one as the new edition's unpublished draft."""

from typing import Any

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from networks import signals
from networks.models import Edition
from recruitment.models import Call
from recruitment.services import call_copy


def offer_calls(*, source: Edition, **_kwargs: Any) -> signals.Offer | None:
    """The earlier edition's calls, newest first (the newest is proposed)."""
    calls = list(Call.objects.filter(edition=source).order_by("-opens_at", "-pk"))
    if not calls:
        return None
    choices = [
        (
            str(call.pk),
            _("%(title)s (opened %(when)s)")
            % {
                "title": call.title,
                "when": date_format(localtime(call.opens_at), "DATE_FORMAT"),
            },
        )
        for call in calls
    ]
    return signals.Offer(
        part=signals.CALL_TEMPLATE,
        choices=[*choices, ("", _("Do not copy a call"))],
        initial=str(calls[0].pk),
    )


def copy_call(
    *,
    source: Edition,
    target: Edition,
    actor: User,
    chosen: dict[str, str],
    **_kwargs: Any,
) -> None:
    wanted = chosen.get(signals.CALL_TEMPLATE, "")
    if not wanted:
        return
    call = (
        Call.objects.filter(edition=source, pk=int(wanted)).first()
        if wanted.isdigit()
        else None
    )
    if call is None:
        raise DomainError(_("Choose one of the earlier edition's calls to copy."))
    call_copy(call=call, edition=target, actor=actor)


def connect() -> None:
    signals.edition_preparation_offered.connect(
        offer_calls, sender=Edition, dispatch_uid="recruitment.offer_calls"
    )
    signals.edition_prepared.connect(
        copy_call, sender=Edition, dispatch_uid="recruitment.copy_call"
    )
