from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.demo_accounts import demo_accounts_seed


class Command(BaseCommand):
    help = "Creates one demo account per role and prints them (development only)."

    def handle(self, *args: Any, **options: Any) -> None:
        password = getattr(settings, "DEMO_ACCOUNTS_PASSWORD", None)
        if not password:
            raise CommandError("Demo accounts are disabled in these settings.")
        accounts = demo_accounts_seed(password=password)
        self.stdout.write(f"Demo accounts (password for all: {password}):")
        for account in accounts:
            self.stdout.write(f"  {account.email:<34} {account.role}")
