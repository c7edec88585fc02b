"""The portal's one way to send an e-mail (the apps' `emails.py` modules render,
this sends)."""

from django.core.mail import send_mail as django_send_mail


def send_mail(subject: str, body: str, recipients: list[str]) -> int:
    """Sends a plain-text e-mail from DEFAULT_FROM_EMAIL. The subject is one header
    line, whatever the typed names in it hold: a line break there would refuse the
    whole message."""
    return django_send_mail(" ".join(str(subject).split()), body, None, recipients)
