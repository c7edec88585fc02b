"""The whole data set, step after step, one transaction each."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import connection, transaction

from accounts.models import User
from audit.models import AuditEvent
from devtools.scale.activity import add_audit, add_meetings, add_recruitment
from devtools.scale.documents import (
    add_comments,
    add_documents,
    add_templates,
    bench_document,
)
from devtools.scale.figures import (
    BenchTargets,
    Figures,
    ScaleRefused,
    ScaleResult,
    StepTiming,
    check_figures,
)
from devtools.scale.partnerships import add_partnerships
from devtools.scale.tenants import (
    add_editions_and_networks,
    add_organisations,
    add_users,
)
from devtools.scale.world import World, bench_totp_secret
from devtools.scale.writer import Writer
from documents.models import (
    Comment,
    Document,
    DocumentVersion,
    Section,
    SectionVersion,
)
from meetings.models import Meeting
from networks.models import (
    Edition,
    Network,
    NetworkExpert,
    NetworkMembership,
)
from organisations.models import (
    Membership,
    Organisation,
)
from partnerships.models import LocalPartnership, PartnershipMember
from recruitment.models import (
    Application,
)

# ---------------------------------------------------------------- the whole


COUNTED = (
    Organisation,
    Edition,
    Network,
    NetworkMembership,
    User,
    Membership,
    Group,
    NetworkExpert,
    LocalPartnership,
    PartnershipMember,
    Document,
    Section,
    SectionVersion,
    DocumentVersion,
    Comment,
    Meeting,
    Application,
    AuditEvent,
)


def table_counts() -> dict[str, int]:
    """Rows per table of the data set (exact counts, after ANALYZE)."""
    counts: dict[str, int] = {}
    through = DocumentVersion.sections.through
    for model in (*COUNTED, through, User.groups.through):
        counts[model._meta.db_table] = model._default_manager.count()
    return counts


def generate(
    figures: Figures,
    *,
    password: str | None = None,
    progress: Callable[[StepTiming], None] | None = None,
) -> ScaleResult:
    """Builds the data set into an empty database. Refuses (ScaleRefused) when
    the figures are impossible or organisations exist already."""
    check_figures(figures)
    if Organisation.objects.exists():
        raise ScaleRefused(
            "The database already holds organisations: generate_scale fills an "
            "empty database only (create a fresh one and migrate it)."
        )
    world = World(figures=figures, rng=random.Random(figures.seed))  # noqa: S311 - test data, not secrets
    writer = Writer()
    steps: list[StepTiming] = []
    call_slug = ""

    def run(name: str, action: Callable[[], int]) -> None:
        started = time.monotonic()
        # One transaction per step: the deferred foreign-key checks of a step run
        # at its commit, and never pile up for the whole data set.
        with transaction.atomic():
            rows = action()
        steps.append(StepTiming(name, time.monotonic() - started, rows))
        if progress:
            progress(steps[-1])

    def recruitment() -> int:
        nonlocal call_slug
        call_slug = add_recruitment(world, writer)
        return figures.applications

    def finish() -> int:
        writer.reset_sequences()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return 0

    run("organisations", lambda: add_organisations(world, writer))
    run("editions and networks", lambda: add_editions_and_networks(world, writer))
    run("users, roles and permissions", lambda: add_users(world, writer, password))
    run("local partnerships", lambda: add_partnerships(world, writer))
    run("section templates", lambda: add_templates(world, writer))
    run("documents and versions", lambda: add_documents(world, writer))
    run("comments", lambda: add_comments(world, writer))
    run("meetings", lambda: add_meetings(world, writer))
    run("recruitment", recruitment)
    run("audit events", lambda: add_audit(world, writer))
    run("sequences and ANALYZE", finish)
    return ScaleResult(
        steps=steps,
        counts=table_counts(),
        bench=BenchTargets(
            network_slug=world.bench_network.slug,
            document_id=bench_document(world).id,
            call_slug=call_slug,
            totp_secret=bench_totp_secret(figures.seed),
        ),
    )
