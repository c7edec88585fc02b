from typing import Any

from django.core.management.base import BaseCommand

from networks.services import pilot_import


class Command(BaseCommand):
    help = "Loads the 2017–2019 pilot networks and their members (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = pilot_import()
        self.stdout.write(
            f"Pilot data: {result.created} records created, "
            f"{result.unchanged} already present."
        )
