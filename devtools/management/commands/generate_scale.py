import dataclasses
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from devtools.scale import (
    BENCH_EXPERT,
    BENCH_LEAD,
    BENCH_MINISTRY,
    PRESETS,
    ScaleRefused,
    StepTiming,
    generate,
)

FIGURES = [field.name for field in dataclasses.fields(PRESETS["national"])]


class Command(BaseCommand):
    help = (
        "Builds a deterministic national-size data set (seeded) into an empty, "
        "migrated database, for load tests and benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--preset",
            choices=sorted(PRESETS),
            default="national",
            help="Starting figures; the options below override them.",
        )
        for name in FIGURES:
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                dest=name,
                type=int,
                default=None,
                help=f"default: {getattr(PRESETS['national'], name)} (national)",
            )
        parser.add_argument(
            "--password",
            default=None,
            help="Password of the three bench accounts (default: unusable).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        figures = dataclasses.replace(
            PRESETS[options["preset"]],
            **{name: options[name] for name in FIGURES if options[name] is not None},
        )
        self.stdout.write(f"Generating: {figures}")
        started = time.monotonic()

        def progress(step: StepTiming) -> None:
            self.stdout.write(
                f"  {step.name:<30} {step.seconds:8.1f} s  {step.rows:>10} rows"
            )

        try:
            result = generate(figures, password=options["password"], progress=progress)
        except ScaleRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.\n\nRows:")
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:<45} {count:>10}")
        bench = result.bench
        self.stdout.write(
            "\nBench targets:\n"
            f"  accounts: {BENCH_MINISTRY} (ministry admin, TOTP secret "
            f"{bench.totp_secret}), {BENCH_LEAD} (lead-city coordinator), "
            f"{BENCH_EXPERT} (expert)\n"
            f"  network: {reverse('networks:detail', args=[bench.network_slug])}\n"
            f"  MID: {reverse('documents:detail', args=[bench.document_id])}\n"
            f"  review queue: {reverse('documents:queue')}\n"
            f"  call dashboard: "
            f"{reverse('recruitment:dashboard', args=[bench.call_slug])}"
        )
