from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from core.errors import DomainError
from organisations.bootstrap import MINISTRY_NAME, ministry_admin_invite


class Command(BaseCommand):
    help = (
        "Invites a ministry admin (the first one of a new install, or another): "
        "creates the ministry's organisation if there is none and prints a "
        "one-time invitation link. No e-mail is sent. Running it again for the "
        "same address withdraws the earlier link."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the future admin's e-mail address")
        parser.add_argument(
            "--ministry-name",
            default=MINISTRY_NAME,
            help="the ministry's name, when its organisation is created "
            f"(default: {MINISTRY_NAME})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = ministry_admin_invite(
                email=options["email"], ministry_name=options["ministry_name"]
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        invitation = result.invitation
        if result.ministry_created:
            self.stdout.write(f"Created the organisation: {invitation.organisation}.")
        if result.withdrawn:
            self.stdout.write("The earlier invitation link for this address is void.")
        expires = timezone.localtime(invitation.expires_at)
        self.stdout.write(
            f"Invitation for {invitation.email} as ministry admin. Open this link "
            f"(once, before {expires:%Y-%m-%d %H:%M}) to choose a password; "
            "two-factor authentication is set up at the first sign-in:"
        )
        self.stdout.write(result.link)
