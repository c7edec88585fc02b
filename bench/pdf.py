"""How long a MID's PDF takes through the portal's whole pipeline, against the plain
`weasyprint` command on the same HTML.

    .venv/bin/python bench/pdf.py [--runs 3]

Builds a realistic MID of about 40 pages (Polish text with diacritics, 15 sections,
an action table of 60 rows) in a database of its own (`pim_bench`, on the embedded
PostgreSQL, or on DATABASE_URL's server), then, RUNS times each and taking the
median:

- pipeline: from the moment a version is saved (the render job written, the task
  sent through a real Redis) until a real Celery worker (prefork, one process, the
  "pdf" queue) has stored the file;
- plain: `weasyprint --pdf-variant pdf/ua-1` on the same HTML, the stylesheet read
  from disk.

Prints both times, their ratio and the worker's peak memory while rendering.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import stack  # noqa: E402

SENTENCES = (
    "Śródmieście traci mieszkańców, a pustostany przy głównych ulicach niszczeją.",
    "Mieszkańcy wskazali w ankiecie brak zieleni i miejsc spotkań jako największą "
    "bolączkę dzielnicy.",
    "Lokalne Partnerstwo zebrało się sześć razy; w warsztatach wzięło udział "
    "ponad dwieście osób.",
    "Diagnoza opiera się na danych GUS, miejskim systemie informacji przestrzennej "
    "i spacerach badawczych.",
    "Przyczyną problemu jest rozproszona własność kamienic i brak narzędzi najmu "
    "społecznego.",
    "Skutkiem jest odpływ młodych rodzin do gmin ościennych i starzenie się "
    "społeczności.",
    "Działania łączą remonty podwórek, zieleń przyuliczną i wsparcie lokalnych "
    "przedsiębiorców.",
    "Wskaźniki będą mierzone co pół roku, a wyniki omawiane na zebraniach Partnerstwa.",
)


def paragraphs(seed: int, count: int) -> str:
    out = []
    for number in range(count):
        sentences = [SENTENCES[(seed + number + k) % len(SENTENCES)] for k in range(8)]
        out.append(f"<p>{' '.join(sentences)}</p>")
        if number % 2 == 1:
            out.append(
                "<ul><li>Rewitalizacja podwórek przy ul. Żeromskiego</li>"
                "<li>Zielone przystanki i łąki kwietne</li>"
                "<li>Punkt konsultacyjny dla właścicieli kamienic</li></ul>"
            )
    return "".join(out)


def build_mid() -> tuple[Any, Any]:
    """Gdynia's MID in Rewitalizacja, written in full (returns it and its author)."""
    import datetime

    from accounts.models import User
    from documents.models import Action, Document, Kind, Section
    from documents.services import (
        IndicatorDraft,
        document_start,
        record_save,
        section_save,
        section_template_add,
    )
    from networks.models import Network
    from networks.services import pilot_import
    from organisations.models import Membership, Organisation
    from organisations.services import membership_grant

    pilot_import()
    network = Network.objects.get(slug="rewitalizacja")
    gdynia = Organisation.objects.get(slug="gdynia")
    author, _created = User.objects.get_or_create(
        email="bench@pim.example", defaults={"full_name": "Anna Żółkiewska"}
    )
    ministry, _created = Organisation.objects.get_or_create(
        slug="ministerstwo",
        defaults={"name": "Ministerstwo", "kind": Organisation.Kind.MINISTRY},
    )
    membership_grant(user=author, organisation=gdynia, role=Membership.Role.OFFICER)
    membership_grant(
        user=author, organisation=ministry, role=Membership.Role.COORDINATOR
    )
    author = User.objects.get(pk=author.pk)  # fresh permission caches
    existing = Document.objects.filter(network=network, organisation=gdynia).first()
    if existing:
        return existing, author
    for key in ("budzet", "komunikacja"):
        section_template_add(
            edition=network.edition,
            kind=Kind.MID,
            values={"key": key, "position": 13, "name_pl": key.title()},
            actor=author,
        )
    mid = document_start(
        kind=Kind.MID, network=network, organisation=gdynia, actor=author
    )
    for number, target in enumerate(
        Section.objects.filter(document=mid).select_related("template")
    ):
        content = target.template.content
        if content == "rich_text":
            section_save(
                section=target,
                expected_revision=0,
                body=f"<h3>{target.template.name_pl}</h3>"
                # the diagnosis is the longest part of a real MID
                + paragraphs(number, 24 if target.template.key == "diagnosis" else 9),
                actor=author,
            )
        elif content == "actions":
            for row in range(60):
                target.refresh_from_db()
                record_save(
                    section=target,
                    expected_revision=target.revision,
                    record=Action(
                        title=f"Działanie {row + 1}: zielone podwórko nr {row + 1}",
                        owner="Wydział Rewitalizacji Urzędu Miasta Gdyni",
                        partners="Rada Dzielnicy Śródmieście, spółdzielnie",
                        starts_on=datetime.date(2027, 1 + row % 12, 1),
                        ends_on=datetime.date(2028, 1 + row % 12, 28),
                        cost=120_000 + row * 1_000,
                        funding_source="Fundusze Europejskie dla Pomorza 2021–2027",
                        risks="Opóźnienia przetargów; rosnące ceny materiałów.",
                    ),
                    actor=author,
                    indicators=[
                        IndicatorDraft("Powierzchnia zieleni", "m²", 100, 800),  # type: ignore[arg-type]
                        IndicatorDraft("Uczestnicy warsztatów", "osoby", 0, 60),  # type: ignore[arg-type]
                    ],
                )
    return mid, author


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with (
        stack.postgres("pim_bench") as database_url,
        stack.redis("redis-bench", persist=False) as redis_url,
    ):
        os.environ.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            DJANGO_SETTINGS_MODULE="pim_portal.settings.dev",
            MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        )
        for command in (["migrate"], ["flush"]):  # the same MID on every run
            subprocess.run(
                [sys.executable, "manage.py", *command, "--no-input", "-v", "0"],
                cwd=ROOT,
                check=True,
            )
        import django

        django.setup()
        return measure(runs)


def measure(runs: int) -> int:
    from documents.services import document_version_create
    from pdfs.models import JobState, RenderJob
    from pdfs.rendering import STATIC_PREFIX, print_html
    from pim_portal.celery import app

    mid, author = build_mid()
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "pim_portal",
            "worker",
            "--queues",
            "pdf",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=dict(os.environ),
        start_new_session=True,
    )
    try:
        while not app.control.ping(timeout=0.5):
            if worker.poll() is not None:
                sys.exit("the Celery worker did not start")
        pipeline, plain, memory, pages = [], [], [], 0
        with tempfile.TemporaryDirectory() as folder:
            for _run in range(runs):
                started = time.monotonic()
                version = document_version_create(document=mid, actor=author, note="")
                job = RenderJob.objects.get(version=version)
                while job.state not in (JobState.READY, JobState.FAILED):
                    time.sleep(0.05)
                    job.refresh_from_db()
                pipeline.append(time.monotonic() - started)
                if job.state == JobState.FAILED:
                    sys.exit(f"the PDF failed: {job.error}")
                memory.append(job.peak_memory_kb or 0)
                html, _media = print_html(version, draft=True)
                source = Path(folder) / "mid.html"
                source.write_text(
                    html.replace(STATIC_PREFIX, (ROOT / "static").as_uri() + "/"),
                    encoding="utf-8",
                )
                started = time.monotonic()
                subprocess.run(
                    [
                        str(Path(sys.executable).parent / "weasyprint"),
                        "--quiet",
                        "--pdf-variant",
                        "pdf/ua-1",
                        "--custom-metadata",
                        str(source),
                        str(Path(folder) / "plain.pdf"),
                    ],
                    check=True,
                )
                plain.append(time.monotonic() - started)
                with job.file.open("rb") as handle:
                    (Path(folder) / "pipeline.pdf").write_bytes(handle.read())
                info = subprocess.run(
                    ["pdfinfo", str(Path(folder) / "pipeline.pdf")],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                pages = int(info.split("Pages:")[1].split()[0])
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=30)
    through, direct = statistics.median(pipeline), statistics.median(plain)
    print(f"MID: {pages} pages, 15 sections, 60 actions; {runs} runs, medians")
    print(f"pipeline (save → Redis → Celery worker → file): {through:.2f} s")
    print(f"plain weasyprint command on the same HTML:       {direct:.2f} s")
    print(f"ratio pipeline / plain: {through / direct:.2f}")
    print(f"worker peak memory: {max(memory) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
