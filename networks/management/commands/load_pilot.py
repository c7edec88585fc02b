import csv
from typing import Any

from django.core.management.base import BaseCommand

from networks.editions import edition_current_when_none
from networks.models import Edition
from networks.services import PILOT_DIR, pilot_import


class Command(BaseCommand):
    help = (
        "Loads the 2017–2019 pilot networks and their members (idempotent); the "
        "pilot becomes the current edition when no edition is."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = pilot_import()
        self.stdout.write(
            f"Pilot data: {result.created} records created, "
            f"{result.unchanged} already present."
        )
        with (PILOT_DIR / "networks.csv").open(encoding="utf-8", newline="") as rows:
            names = {row["edition"] for row in csv.DictReader(rows)}
        pilot = Edition.objects.filter(name__in=names).order_by("-starts_on").first()
        if pilot is not None and edition_current_when_none(edition=pilot):
            self.stdout.write(f"{pilot.name} is now the current edition.")
