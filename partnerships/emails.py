"""The Local Partnerships' e-mails: each reads what it needs by primary key,
renders and sends."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_mail
from organisations.selectors import active_coordinators
from partnerships.models import LocalPartnership, PartnershipMember


def send_retention_reminder(*, partnership_pk: int) -> bool:
    """Tells the city's coordinators when the ended partnership's members'
    personal data will be erased. False when the city has no coordinator to tell."""
    partnership = LocalPartnership.objects.select_related(
        "organisation", "network"
    ).get(pk=partnership_pk)
    coordinators = list(
        active_coordinators(organisation_ids=[partnership.organisation_id]).values_list(
            "user__email", flat=True
        )
    )
    if not coordinators:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Members' personal data of a Local Partnership will be erased"),
            render_to_string(
                "partnerships/retention_email.txt", {"partnership": partnership}
            ),
            coordinators,
        )
    return True


def send_member_account(*, member_pk: int, link: str) -> None:
    """Gives an LP member the link to set the password of their new account."""
    member = PartnershipMember.objects.select_related("partnership").get(pk=member_pk)
    body = render_to_string(
        "partnerships/account_email.txt",
        {"member": member, "partnership": member.partnership, "link": link},
    )
    send_mail(
        _("Your account for the Local Partnership's consultations"),
        body,
        [member.email],
    )
