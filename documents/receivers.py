"""documents' part in preparing the next edition: networks, below documents in the
stack, asks what can be copied and announces the preparation
(networks/signals.py); documents offers and copies an edition's section templates."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from documents.models import SectionTemplate
from documents.services import section_templates_copy
from networks import signals
from networks.models import Edition

COPY = "copy"


def offer_section_templates(*, source: Edition, **_kwargs: Any) -> signals.Offer | None:
    """Nothing to offer when the earlier edition never set its templates: the new
    one starts from the programme's defaults either way."""
    count = SectionTemplate.objects.filter(edition=source).count()
    if not count:
        return None
    copy = ngettext(
        "Copy its %(count)s section template",
        "Copy its %(count)s section templates",
        count,
    ) % {"count": count}
    defaults = _("Do not copy: start from the programme's defaults")
    return signals.Offer(
        part=signals.SECTION_TEMPLATES,
        choices=[(COPY, copy), ("", defaults)],
        initial=COPY,
    )


def copy_section_templates(
    *,
    source: Edition,
    target: Edition,
    actor: User,
    chosen: dict[str, str],
    **_kwargs: Any,
) -> None:
    if chosen.get(signals.SECTION_TEMPLATES) == COPY:
        section_templates_copy(source=source, target=target, actor=actor)


def connect() -> None:
    signals.edition_preparation_offered.connect(
        offer_section_templates,
        sender=Edition,
        dispatch_uid="documents.offer_section_templates",
    )
    signals.edition_prepared.connect(
        copy_section_templates,
        sender=Edition,
        dispatch_uid="documents.copy_section_templates",
    )
