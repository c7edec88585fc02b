"""The meetings' e-mails: each reads what it needs by primary key, renders and
sends."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_mail
from meetings.models import Registration


def send_registration_confirmation(*, registration_pk: int, language: str) -> None:
    """Confirms a registration to the person registered; nothing when it was
    cancelled before the e-mail left."""
    registration = (
        Registration.objects.select_related("meeting", "user")
        .filter(pk=registration_pk)
        .first()
    )
    if registration is None:
        return
    with translation.override(language):
        body = render_to_string(
            "meetings/registration_email.txt", {"meeting": registration.meeting}
        )
        subject = _("Registration confirmed: %(title)s") % {
            "title": " ".join(registration.meeting.title.split())  # one header line
        }
    send_mail(subject, body, [registration.user.email])
