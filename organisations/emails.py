"""The organisations' e-mails: each reads what it needs by primary key, renders
and sends."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_mail
from organisations.models import Invitation


def send_invitation(*, invitation_pk: int, token: str, language: str) -> None:
    """Sends the invitation e-mail with the only copy of its link; nothing when
    the invitation was withdrawn before the e-mail left."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_pk, status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is None:
        return
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "organisations:invitation_accept", args=[token]
    )
    with translation.override(language):
        context = {"invitation": invitation, "link": link}
        subject = _("Invitation to the City Partnership Initiative portal")
        body = render_to_string("organisations/invitation_email.txt", context)
    send_mail(subject, body, [invitation.email])
